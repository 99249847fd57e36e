"""Arabic-aware full-text search: normalisation, clitic-insensitive matching, filters, snippets of the original text,
pagination, the index hooks and migration of an older store."""
from __future__ import annotations

import pytest

from marsad.corpus.features import content_terms
from marsad.model import Document
from marsad.store import Store
from marsad.store import search as s

# Original fixture sentences (fictional).
DOCS = [
    ("a", "صحيفة الشمال", "2025-01-10", "وصول الجنود إلى الحدود",
     "أعلنت القيادة وصول الجنود إلى الحدود الشمالية صباح الأحد، وقالت إن والجنود والضباط بخير."),
    ("b", "وكالة الجنوب", "2025-02-01", "مؤتمر اقتصادي",
     "افتُتح المؤتمر الاقتصادي في المدينة بحضور وزير الاقتصاد، وناقش خطة الاستثمار لعام ٢٠٢٥."),
    ("c", "صحيفة الشمال", "2025-03-15", "قرار جديد",
     "أصدرت الحكومة قراراً بإعادة جنود الاحتياط إلى بيوتهم، وأكّدت أنّ للجنود حقوقاً مصونة."),
    ("d", "وكالة الجنوب", "2025-03-20", "إنشاء مستشفى",
     "بدأ إنشاء مُسْتَشْفَى جديد في القريةِ بتمويل من المنظمة الدولية، على أن ينتهي العمل بعد عامين."),
    ("e", None, None, "مدرسة",
     "افتتحت وزارة التربية مدرسة جديدة في البلدة، والتحق بها مئة طالب."),
]


@pytest.fixture
def store(tmp_path):
    st = Store(tmp_path / "s.sqlite")
    for i, src, pub, title, text in DOCS:
        st.add_document(Document(id=i, source_path=f"{i}.txt", source_name=src, published=pub, title=title,
                                 text=text))
    with st.conn:
        st.conn.execute("INSERT INTO mentions VALUES ('c', 0, 5, 'الحكومة', 'ORG', 'ent-gov')")
    yield st
    st.close()


def ids(res):
    return sorted(h["id"] for h in res["hits"])


@pytest.mark.parametrize("word,stem", [("والجنود", "جنود"), ("الجنود", "جنود"), ("للجنود", "جنود"),
                                       ("بالجنود", "جنود"), ("وجنود", "جنود"), ("جنود", "جنود"),
                                       ("ولد", "ولد"), ("بلد", "بلد"), ("الا", "الا"), ("فالمدينة", "مدينه"),
                                       ("جنوده", "جنود"), ("جنودها", "جنود"), ("جنودهم", "جنود"),
                                       ("جنودهما", "جنود"), ("جنودنا", "جنود"), ("جنودكم", "جنود"),
                                       ("جنودكن", "جنود"), ("لجنودها", "جنود"), ("وبجنوده", "جنود"),
                                       ("الحكومة", "حكومه"), ("حكومته", "حكومت"), ("وجه", "وجه"), ("فهم", "فهم")])
def test_stem(word, stem):
    # words as written (ta marbuta kept as ة, as the index and the query keep it): a noun's «ة» is never the pronoun
    assert s.stem(word) == stem


# Original sentences (fictional): the same soldiers written with possessive pronouns and clitics.
POSSESSIVE = [
    ("p1", "أرسلت الكتيبة جنوده إلى الوادي بعد يومين من الانتظار."),
    ("p2", "قالت القيادة إن جنودها عادوا سالمين من المهمة الليلية."),
    ("p3", "وأضاف الناطق: جنودنا يحرسون المعبر منذ الفجر."),
    ("p4", "وقدّمت البلدية الطعام لجنودها المرابطين عند الجسر."),
    ("p5", "وصل الجنود إلى القرية قبل المطر."),
    ("p6", "افتتحت الحكومة جسراً جديداً فوق النهر."),
    ("p7", "تحدث المحافظ عن حكومته الجديدة في مؤتمر صحفي."),
]


@pytest.fixture
def possessive_store(tmp_path):
    st = Store(tmp_path / "p.sqlite")
    for i, text in POSSESSIVE:
        st.add_document(Document(id=i, source_path=f"{i}.txt", text=text))
    yield st
    st.close()


@pytest.mark.parametrize("q", ["الجنود", "جنود", "وجنودهم", "لجنودها"])
def test_a_word_finds_its_possessive_forms(possessive_store, q):
    res = s.search(possessive_store.conn, q)
    assert ids(res) == ["p1", "p2", "p3", "p4", "p5"]
    marked = {h["id"]: [h["snippet"][a:b] for a, b in h["highlights"]] for h in res["hits"]}
    assert marked["p1"] == ["جنوده"] and marked["p2"] == ["جنودها"] and marked["p3"] == ["جنودنا"]
    assert marked["p4"] == ["لجنودها"] and marked["p5"] == ["الجنود"]


def test_a_ta_marbuta_is_no_pronoun(possessive_store):
    # «الحكومة» is not «حكوم» + ـه: it finds the government, not «حكومته» (its stem keeps the ت) nor a word «حكوم»
    assert ids(s.search(possessive_store.conn, "الحكومة")) == ["p6"]
    assert ids(s.search(possessive_store.conn, "حكومته")) == ["p7"]


def test_search_and_story_features_strip_the_same_clitics():
    text = "وجنود الكتيبة وجنودها ولجنودهم والحكومة"
    terms = content_terms(text)
    assert terms.count("جنود") == 3 and "حكومه" in terms
    assert s.stems_of(text).split() == ["جنود", "كتيبه", "جنود", "جنود", "حكومه"]


@pytest.mark.parametrize("q", ["والجنود", "الجنود", "جنود", "للجنود", "بالجنود", "الجُنُود", "الجنــود"])
def test_clitic_and_spelling_insensitive(store, q):
    assert ids(s.search(store.conn, q)) == ["a", "c"]


@pytest.mark.parametrize("q,expected", [
    ("مستشفى", ["d"]), ("مستشفي", ["d"]), ("مُسْتَشْفَى", ["d"]),   # ى/ي, diacritics in text and query
    ("القرية", ["d"]), ("القريه", ["d"]),                          # ة/ه, kasra in the text
    ("إنشاء", ["d"]), ("انشاء", ["d"]), ("أنشاء", ["d"]),         # hamza carriers
    ("2025", ["b"]), ("٢٠٢٥", ["b"]),                              # digit scripts
    ("اكدت", ["c"]), ("أكّدت", ["c"]),
    ("وزير الاقتصاد", ["b"]), ("وزارة", ["e"]),
])
def test_normalisation(store, q, expected):
    assert ids(s.search(store.conn, q)) == expected


def test_all_words_must_match_and_phrases(store):
    assert ids(s.search(store.conn, "الجنود الحدود")) == ["a"]
    assert ids(s.search(store.conn, '"جنود الاحتياط"')) == ["c"]
    assert ids(s.search(store.conn, '"الاحتياط جنود"')) == []
    assert ids(s.search(store.conn, "استثمار*")) == ["b"]  # prefix of the stem of «الاستثمار»
    assert ids(s.search(store.conn, "ستثمار*")) == []
    assert ids(s.search(store.conn, "الاستثما*")) == ["b"]
    assert ids(s.search(store.conn, "مستش*")) == ["d"]


def test_filters(store):
    assert ids(s.search(store.conn, "جنود", outlet="صحيفة الشمال")) == ["a", "c"]
    assert ids(s.search(store.conn, "جنود", outlet="وكالة الجنوب")) == []
    assert ids(s.search(store.conn, "جنود", date_from="2025-02-01")) == ["c"]
    assert ids(s.search(store.conn, "جنود", date_to="2025-01-31")) == ["a"]
    assert ids(s.search(store.conn, "جنود", date_from="2025-01", date_to="2025-03-15")) == ["a", "c"]
    assert ids(s.search(store.conn, "جنود", entity="ent-gov")) == ["c"]
    # filters alone list documents, newest first
    res = s.search(store.conn, "", outlet="وكالة الجنوب")
    assert [h["id"] for h in res["hits"]] == ["d", "b"] and res["total"] == 2
    assert s.search(store.conn, "")["total"] == 0


def test_snippet_is_original_text_with_highlights(store):
    res = s.search(store.conn, "والجنود")
    for h in res["hits"]:
        doc = store.document(h["id"])
        assert h["snippet"] in doc.text  # a verbatim window of the original
        marked = [h["snippet"][a:b] for a, b in h["highlights"]]
        assert marked and all("جنود" in m for m in marked)
    a = next(h for h in res["hits"] if h["id"] == "a")
    assert [a["snippet"][x:y] for x, y in a["highlights"]] == ["الجنود", "والجنود"]
    assert a["title_highlights"] == [(5, 11)]


def test_highlights_map_back_through_diacritics():
    text = "بدأ إنشاء مُسْتَشْفَى جديد"
    parts = s.parse_query("مستشفى")
    [(a, b)] = s.highlights(text, parts)
    assert text[a:b] == "مُسْتَشْفَى"
    snip, marks = s.snippet(text, parts)
    assert [snip[x:y] for x, y in marks] == ["مُسْتَشْفَى"]


def test_snippet_window_around_a_late_match():
    text = "كلمة " * 200 + "الجنود هنا " + "نص " * 100
    snip, marks = s.snippet(text, s.parse_query("جنود"), width=120)
    assert len(snip) <= 120 and [snip[a:b] for a, b in marks] == ["الجنود"]
    assert snip in text


def test_ranking_prefers_title_and_exact_form(store):
    res = s.search(store.conn, "الجنود")
    assert res["hits"][0]["id"] == "a"  # in the title, and the exact written form


def test_pagination(tmp_path):
    with Store(tmp_path / "p.sqlite") as st:
        for i in range(30):
            st.add_document(Document(id=f"d{i}", source_path=f"{i}.txt", text=f"خبر رقم {i} عن السد."))
        seen = []
        for off in range(0, 30, 7):
            res = s.search(st.conn, "السد", limit=7, offset=off)
            assert res["total"] == 30
            seen += [h["id"] for h in res["hits"]]
        assert sorted(seen) == sorted(f"d{i}" for i in range(30))
        assert s.search(st.conn, "السد", limit=10_000)["limit"] == s.MAX_LIMIT
        assert s.search(st.conn, "السد", limit=5, offset=-3)["offset"] == 0


@pytest.mark.parametrize("q", ['"', '""', "AND", "OR NOT", "(", ")", "NEAR(a b)", "title:x", "^x", "*", "a*b",
                               "'; DROP TABLE documents; --", "{title}:x", "\x00", "🙂", "ـــ", "َ"])
def test_hostile_queries_never_raise(store, q):
    res = s.search(store.conn, q)
    assert isinstance(res["total"], int)
    assert store.count("documents") == 5


def test_index_hooks_and_migration(tmp_path):
    path = tmp_path / "m.sqlite"
    with Store(path) as st:
        st.add_document(Document(id="x", source_path="x.txt", title="عنوان", text="وصل الجنود."))
        assert st.conn.execute("SELECT count(*) FROM docs_fts").fetchone()[0] == 1
        # simulate a store from before this index: drop it and its version
        with st.conn:
            st.conn.execute("DELETE FROM docs_fts")
            st.conn.execute("DELETE FROM meta WHERE key='search_index_version'")
    with Store(path) as st:  # reopening rebuilds the index
        assert ids(s.search(st.conn, "والجنود")) == ["x"]
        assert st.get_meta("search_index_version") == s.INDEX_VERSION
        assert s.rebuild(st.conn) == 1
        assert ids(s.search(st.conn, "جنود")) == ["x"]
    # re-adding a known document does not duplicate its index row
    with Store(path) as st:
        st.add_document(Document(id="x", source_path="x.txt", title="عنوان", text="وصل الجنود."))
        assert st.conn.execute("SELECT count(*) FROM docs_fts").fetchone()[0] == 1


def test_outlets(store):
    assert s.outlets(store.conn) == [("صحيفة الشمال", 2), ("وكالة الجنوب", 2)]


# ---------------------------------------------------------------- properties
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LETTERS = "تثجحخدذرسشصضطظعغقمنهي"  # letters no clitic rule starts with (not ب ف ك ل و, not ا)
_MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640", ""]
_word = st.text(alphabet=_LETTERS, min_size=3, max_size=7)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_word, min_size=3, max_size=12), i=st.integers(min_value=0, max_value=11),
       clitic_doc=st.sampled_from(["", "و", "ال", "وال", "بال", "لل"]),
       clitic_query=st.sampled_from(["", "و", "ال", "وال", "بال", "لل", "ف"]),
       marks=st.lists(st.sampled_from(_MARKS), min_size=12, max_size=12))
def test_any_clitic_and_diacritic_variant_is_found_and_highlighted(tmp_path_factory, words, i, clitic_doc,
                                                                   clitic_query, marks):
    i = i % len(words)
    target = words[i]
    # the document writes the word with a clitic and diacritics/tatweel after its letters
    written = clitic_doc + "".join(c + marks[k % len(marks)] for k, c in enumerate(target))
    text = " ".join(words[:i] + [written] + words[i + 1:]) + "."
    parts = s.parse_query(clitic_query + target)
    hits = s.highlights(text, parts)
    assert any(text[a:b] == written for a, b in hits), (text, written, hits)
    for a, b in hits:
        assert s.stem(s.normalize(text[a:b])) == s.stem(target) or s.normalize(text[a:b]) == target
    with Store(tmp_path_factory.mktemp("h") / "h.sqlite") as store:
        store.add_document(Document(id="h", source_path="h.txt", text=text))
        res = s.search(store.conn, clitic_query + target)
        assert [h["id"] for h in res["hits"]] == ["h"]
        h = res["hits"][0]
        assert h["snippet"] in text and any(h["snippet"][a:b] == written for a, b in h["highlights"])
