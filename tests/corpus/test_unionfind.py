from marsad.corpus.unionfind import UnionFind


def test_joined_pairs_make_groups_in_the_order_items_were_given():
    u = UnionFind(["a", "b", "c", "d", "e"])
    u.join("d", "a")
    u.join("e", "d")   # e joins through d: one group a, d, e
    assert u.find("e") == u.find("a") != u.find("b")
    assert u.groups() == [["a", "d", "e"], ["b"], ["c"]]


def test_joining_twice_or_within_a_group_changes_nothing():
    u = UnionFind(range(4))
    u.join(0, 1)
    u.join(1, 0)
    u.join(0, 1)
    assert u.groups() == [[0, 1], [2], [3]]
