"""Entity resolution across documents: one canonical entity per real-world entity, with all its aliases.

``resolve(ads) -> list[Entity]`` also sets ``Mention.entity`` on every mention it keeps, and fills
``Claim.holder_entity`` / ``Quote.speaker_entity`` from the holder's / speaker's offsets (``holder_start``/
``holder_end``, ``speaker_start``/``speaker_end``) or, failing those, from the name as written.

How mentions are merged (marsad.extract.entities gives each a ``key``, ``kind`` and, for listed names, ``canonical``):
- names in the gazetteer merge on their canonical entry (full name, surname alias, spelling variants);
- other names merge on their normalised key (alef/ya/ta-marbuta folded, spelling variants mapped: ترمب → ترامب);
- a person's single name («كيم», «ماتسيغورا», a surname the model found) attaches to the most salient full name that
  begins or ends with it — in the same document first (most mentions there), then in the corpus — never to all of
  them: كيم جونغ أون, كيم يو جونغ and كيم إيل سونغ stay three entities;
- a partial name («علي صالح», «سليمان اليحيى»: a run of words or the first and last word of a fuller name) joins the
  fuller name of its document, else the only one in the corpus that fits; two candidates: it stays apart;
- an organisation's short form («وكالة الأناضول», «مديرية الجوازات» for «المديرية العامة للجوازات», «هيئة القناة»,
  the name without its head «الأناضول», also when a rule read it as a person: «حسب دوغان») joins its fuller name
  when only one fits (in its document first); a national body at its seat under another head («الإدارة العامة
  للجوازات بالرياض») is «المديرية العامة للجوازات» (org_heads.tsv: directorate, as-directorate);
- a title alone («الزعيم الكوري الشمالي», kind ``title``) attaches to the person the same title (role + country +
  former) is attached to in the same document (apposition there); with no such person it is dropped;
- nationality adjectives («الكوري الشمالي») make no entity (news-annotation.md): their mentions are dropped here;
- a place used for its government («سيول» as a holder) stays its own entity; the Entity's ``refers_to`` is the id of
  the state it stands for.

Entity ids are stable: a hash of the type and the normalised canonical name. The canonical name is the gazetteer's
name when the entity is listed there, else the fullest surface form (most words, then most frequent).
"""
from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from marsad.arabic.text import strip_clitics
from marsad.extract.entities import corpus_names, names_pattern, tag_entities, tag_known_names
from marsad.extract.entity_rules import org_head
from marsad.extract.lexicon import canonical_index, gazetteer, lexicon, name_key, org_heads
from marsad.model import AnalysedDocument, Entity, EntityMentionRef, Mention



def _without_proclitic(phrase: str) -> str:
    """The phrase with its first word's proclitic stripped (clitics.tsv, profile `names`): «وسيول تقول» → «سيول تقول»."""
    i = next((k for k, ch in enumerate(phrase) if ch.isspace()), len(phrase))
    return strip_clitics(phrase[:i], "names") + phrase[i:]


def entity_id(etype: str, name: str) -> str:
    """Stable id of an entity: hash of its type and normalised canonical name."""
    return "ent_" + hashlib.sha1(f"{etype}|{name_key(name)}".encode("utf-8")).hexdigest()[:12]


@dataclass
class _Cluster:
    key: str
    canonical: str | None = None
    gtype: str | None = None
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    name_surfaces: Counter = field(default_factory=Counter)   # surfaces that are names (not a title alone)
    first_seen: dict = field(default_factory=dict)
    doc_first: dict = field(default_factory=dict)             # doc → offset of the first mention there
    mentions: list = field(default_factory=list)       # (doc, Mention)
    doc_count: Counter = field(default_factory=Counter)
    titles: list = field(default_factory=list)
    refers_to: str | None = None

    def add(self, doc: str, m: Mention, order: int):
        self.mentions.append((doc, m))
        self.doc_count[doc] += 1
        form = getattr(m, "form", None) or m.text  # «لكرملين» (after ل) is listed as «الكرملين»
        self.surfaces[form] += 1
        if getattr(m, "kind", "name") != "title":
            self.name_surfaces[form] += 1
        self.first_seen.setdefault(form, order)
        self.first_order = min(getattr(self, "first_order", order), order)
        self.doc_first[doc] = min(self.doc_first.get(doc, m.start), m.start)
        if m.label:
            self.labels[m.label] += 1
        if m.title and getattr(m, "kind", "name") != "title" and m.title not in self.titles:
            self.titles.append(m.title)
        if m.refers_to and not self.refers_to:
            self.refers_to = m.refers_to

    @property
    def type(self) -> str:
        if self.gtype:
            return self.gtype
        if not self.labels:
            return "MISC"
        best = self.labels.most_common()
        non_misc = [(lab, n) for lab, n in best if lab != "MISC"]
        return (non_misc or best)[0][0]

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        pool = self.name_surfaces or self.surfaces
        return max(pool, key=lambda s: (len(s.split()), pool[s], len(s), -self.first_seen[s]))


def _key(m: Mention) -> str:
    k = getattr(m, "key", None)
    return k if k else name_key(m.text)


def resolve(ads: list[AnalysedDocument]) -> list[Entity]:
    # people found by a title or the model in one article are tagged in the others too («ألكسندر ماتسيغورا»)
    names = corpus_names(m for ad in ads for m in ad.mentions)
    if names:
        pattern = names_pattern(names)
        for ad in ads:
            extra = tag_known_names(ad.document.text, ad.mentions, names, pattern)
            if extra:
                for m in extra:
                    m.doc = ad.document.id
                ad.mentions = sorted(ad.mentions + extra, key=lambda m: (m.start, -m.end))
    for ad in ads:
        _surnames_as_people(ad.mentions)
    clusters: dict[str, _Cluster] = {}
    adjectives: set[int] = set()
    canon = canonical_index()
    singles: list[tuple[str, Mention, int]] = []
    titled: list[tuple[str, Mention, int]] = []
    order = 0

    def cluster(key: str) -> _Cluster:
        if key not in clusters:
            clusters[key] = _Cluster(key)
        return clusters[key]

    for ad in ads:
        doc = ad.document.id
        for m in ad.mentions:
            order += 1
            if not m.doc:
                m.doc = doc
            kind = getattr(m, "kind", "name")
            if kind == "title":
                titled.append((doc, m, order))
                continue
            if kind == "nisba" or (m.label == "MISC" and m.refers_to):
                adjectives.add(id(m))  # a nationality adjective is no entity (it served the claims' subjects)
                continue
            key = _key(m)
            entry = None
            cname = getattr(m, "canonical", None)
            if cname:
                entry = canon.get(name_key(cname))
            elif key in canon and canon[key].kind != "surname" and kind != "surname":
                entry = canon[key]
            if entry is not None:
                c = cluster(name_key(entry.canonical))
                c.canonical, c.gtype = entry.canonical, entry.type
                c.add(doc, m, order)
                continue
            if m.label == "PER" and (kind == "surname" or len(key.split()) == 1):
                singles.append((doc, m, order))
                continue
            cluster(key).add(doc, m, order)

    # a single name → the most salient full name beginning or ending with it (same document first, then corpus)
    by_word: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters.values():
        words = c.key.split()
        if c.type == "PER" and len(words) >= 2:
            by_word[words[0]].append(c)
            # «سلمان بن عبدالعزيز», «سلمان بن عبد العزيز»: the word right after a particle is the father's name (or
            # the second half of «عبد …»), not a surname; after a full patronymic the last word is the family name
            # again («سليمان بن عبدالعزيز اليحيى» … «اللواء اليحيى»)
            if words[-1] != words[0] and words[-2] not in lexicon()["name_particles"]:
                by_word[words[-1]].append(c)
    for doc, m, o in singles:
        key = _key(m)
        cands = by_word.get(key, [])
        if getattr(m, "kind", "name") != "surname":
            # a first name alone («محمد», «خالد») is only that person where the full name is in the same document
            cands = [c for c in cands if c.doc_count[doc] or c.key.split()[-1] == key]
        if cands:
            # salience: mentions in this document, then who comes first there (the lead), then the corpus count
            best = max(cands, key=lambda c: (c.doc_count[doc], -c.doc_first.get(doc, 1 << 30),
                                             len(c.mentions), -c.first_order))
            best.add(doc, m, o)
        elif key in canon and canon[key].kind != "surname":  # the listed person after all
            c = cluster(name_key(canon[key].canonical))
            c.canonical, c.gtype = canon[key].canonical, canon[key].type
            c.add(doc, m, o)
        else:
            cluster(key).add(doc, m, o)

    # a partial name found by a rule or the model («عبدربه منصور» beside «عبدربه منصور هادي» in the same document)
    # → the longer name of that document that contains it word for word
    _attach_partial_names(clusters)

    _attach_short_orgs(clusters)

    # a title alone → the person carrying that title in the same document (apposition or coreference there)
    holders: dict[str, Counter] = defaultdict(Counter)
    holders_doc: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in clusters.values():
        if c.type != "PER":
            continue
        for doc, m in c.mentions:
            tk = getattr(m, "title_key", None)
            if tk and getattr(m, "kind", "name") != "title":
                holders[tk][c.key] += 1
                holders_doc[(doc, tk)][c.key] += 1
    dropped: set[int] = set()
    for doc, m, o in titled:
        tk = getattr(m, "title_key", None)
        pick = holders_doc.get((doc, tk))
        if not tk or not pick:
            dropped.add(id(m))
            continue
        clusters[pick.most_common(1)[0][0]].add(doc, m, o)
    dropped |= adjectives
    if dropped:
        for ad in ads:
            ad.mentions = [m for m in ad.mentions if id(m) not in dropped]

    # entities
    gtab = {name_key(e.canonical): e for e in gazetteer().values()}
    entities: list[Entity] = []
    for c in clusters.values():
        etype, name = c.type, c.name
        eid = entity_id(etype, name)
        ref_id = None
        if c.refers_to:
            ref = gtab.get(name_key(c.refers_to))
            rc = clusters.get(name_key(c.refers_to))
            ref_id = entity_id(rc.type, rc.name) if rc else entity_id(ref.type if ref else "LOC", c.refers_to)
        refs = []
        for doc, m in sorted(c.mentions, key=lambda x: (x[0], x[1].start)):
            m.entity = eid
            refs.append(EntityMentionRef(doc=doc, start=m.start, end=m.end, text=m.text))
        aliases = sorted(set(c.surfaces), key=lambda s: (-c.surfaces[s], s))
        entities.append(Entity(id=eid, name=name, type=etype, aliases=aliases, refers_to=ref_id, mentions=refs,
                               titles=c.titles))
    # two clusters may still share an id (same canonical reached by two routes): merge them
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            t = merged[e.id]
            t.aliases = sorted(set(t.aliases) | set(e.aliases))
            t.mentions = sorted(t.mentions + e.mentions, key=lambda r: (r.doc, r.start))
            t.titles = t.titles + [x for x in e.titles if x not in t.titles]
            t.refers_to = t.refers_to or e.refers_to
        else:
            merged[e.id] = e
    out = sorted(merged.values(), key=lambda e: (-len(e.mentions), e.name))
    _link_holders(ads, out)
    return out


def _surnames_as_people(mentions: list[Mention]) -> None:
    """A single word the model typed as a place or body that is the family name of a person named in full in the
    same document is that person («خالد بحاح» … «بحاح» tagged LOC, «عبد ربه منصور هادي» … «هادي» tagged ORG)."""
    fams = set()
    for m in mentions:
        words = _key(m).split()
        if m.label == "PER" and getattr(m, "kind", "name") == "name" and len(words) >= 2 \
                and not any(w in lexicon()["name_particles"] for w in words[-2:-1]):
            fams.add(words[-1])
    if not fams:
        return
    for m in mentions:
        if m.label in ("LOC", "ORG", "MISC") and m.source == "ner" and not getattr(m, "canonical", None) \
                and getattr(m, "kind", "name") == "name" and _key(m) in fams:
            m.label = "PER"
            m.kind = "surname"


def _short_form_of(words: list[str], longer: list[str]) -> bool:
    """A person's name is a short form of a longer one: its words in a row inside it («عبدربه منصور» in «عبدربه منصور
    هادي»), or its first and last words («علي صالح» for «علي عبدالله صالح», «سليمان اليحيى» for «سليمان بن
    عبدالعزيز اليحيى»)."""
    n = len(words)
    if len(longer) <= n:
        return False
    if any(longer[i:i + n] == words for i in range(len(longer) - n + 1)):
        return True
    return n == 2 and words[0] == longer[0] and words[-1] == longer[-1]


def _attach_partial_names(clusters: dict[str, _Cluster]) -> None:
    """A partial name joins the longer name it is a short form of: in its own document the most salient one; with
    none there, the only one in the corpus (two candidates: it stays apart)."""
    per = [c for c in clusters.values() if c.type == "PER" and len(c.key.split()) >= 2]
    longer_by_doc: dict[str, list[_Cluster]] = defaultdict(list)
    by_word: dict[str, list[_Cluster]] = defaultdict(list)  # word → names holding it (a short form's first word)
    for c in per:
        for doc in c.doc_count:
            longer_by_doc[doc].append(c)
        for w in set(c.key.split()):
            by_word[w].append(c)
    for c in sorted(per, key=lambda c: -len(c.key.split())):  # longest first: a middle form joins before the shortest
        if c.canonical:
            continue
        words = c.key.split()
        keep = []
        corpus = [o for o in by_word[words[0]]
                  if o is not c and clusters.get(o.key) is o and _short_form_of(words, o.key.split())]
        for doc, m in c.mentions:
            cands = [o for o in longer_by_doc[doc]
                     if o is not c and clusters.get(o.key) is o and _short_form_of(words, o.key.split())]
            if not cands and len(corpus) == 1:
                cands = corpus
            if cands:
                best = max(cands, key=lambda o: (o.doc_count[doc], len(o.mentions)))
                best.add(doc, m, getattr(c, "first_order", 0))
            else:
                keep.append((doc, m))
        _leave_rest(clusters, c, keep)


def _leave_rest(clusters: dict, c: "_Cluster", keep: list, *identity) -> None:
    """After some of cluster c's mentions joined longer names, c keeps only the mentions in `keep` (rebuilt with
    `identity`: canonical name and type), or goes when none is left."""
    if len(keep) == len(c.mentions):
        return
    rest = _Cluster(c.key, *identity)
    for doc, m in keep:
        rest.add(doc, m, getattr(c, "first_order", 0))
    if keep:
        clusters[c.key] = rest
    else:
        del clusters[c.key]


def _general(words: list[str]) -> bool:
    """«الـH العامة للـX …»: the name of a national body (a general directorate, authority …)."""
    return len(words) >= 3 and words[0].startswith("ال") and words[1] in ("العامه", "العام") \
        and words[2].startswith("لل") and len(words[2]) > 3


def _seat(words: list[str]) -> bool:
    """A national body's name ending in its seat, «الإدارة العامة للجوازات بالرياض»: «بـ» + a listed place."""
    if len(words) < 4 or not _general(words) or not words[-1].startswith("ب"):
        return False
    e = canonical_index().get(words[-1][1:])
    return e is not None and e.type == "LOC"


@functools.cache
def _directorates() -> dict[str, str]:
    """Heads that name a national general directorate in «الـH العامة لـX» (org_heads.tsv flag «as-directorate») →
    the directorate's own head (flag «directorate»)."""
    heads = org_heads()
    main = next((h for h, flags in heads.items() if "directorate" in flags), None)
    return {h: main for h, flags in heads.items() if main and "as-directorate" in flags}


def _org_form(words: list[str]) -> list[str]:
    """An organisation name with its «الـH العامة للـX» written as the idafa «H الـX» («المديرية العامة للجوازات» →
    «مديرية الجوازات»): the two ways Arabic writes the same body. A national body's seat is left out and its
    synonymous heads are one («الإدارة العامة للجوازات بالرياض» → «مديرية الجوازات», org_heads.tsv)."""
    if _general(words):
        rest = words[3:-1] if _seat(words) else words[3:]
        head = _directorates().get(words[0][2:], words[0][2:])
        return [head, "ال" + words[2][2:], *rest]
    return words


def _org_short_form(words: list[str], longer: list[str]) -> bool:
    """An organisation's short form: the fuller name begins with it word for word («وكالة الأناضول» … «للأنباء»),
    the same in its idafa form («مديرية الجوازات» = «المديرية العامة للجوازات»), or it takes the fuller name's
    second word with the article («هيئة القناة» for «هيئة قناة السويس»)."""
    a, b = _org_form(words), _org_form(longer)
    if a == b and words != longer:
        if _seat(words) != _seat(longer):  # the name with the seat joins the name written out in full without it
            return _seat(words) and len(longer) == len(words) - 1
        return len(words) < len(longer) or words[0] != longer[0] and not words[0].startswith("ال")
    n = len(a)
    if len(b) > n and b[:n] == a:
        return True
    return n == 2 and len(b) >= 3 and a[0] == b[0] and a[1] == "ال" + b[1]


def _without_head(words: list[str], longer: list[str]) -> bool:
    """An organisation named without its head noun: «الأناضول» for «وكالة الأناضول للأنباء» (the name right after an
    organisation head of org_heads.tsv)."""
    return len(longer) >= 2 and longer[1] == words[0] and org_head(longer[0]) is not None


def _attach_short_orgs(clusters: dict[str, _Cluster]) -> None:
    """An organisation's short form joins its fuller name when only one fits: «وكالة الأناضول» → «وكالة الأناضول
    للأنباء», «وزارة الصحة» → «وزارة الصحة السعودية» (the fuller name begins with the short one word for word).
    Candidates in the mention's own document first, else in the corpus; two or more: it stays apart
    («وزارة الداخلية» beside «وزارة الداخلية المصرية» and «وزارة الداخلية اليمنية»)."""
    orgs = [c for c in clusters.values() if c.type == "ORG" and len(c.key.split()) >= 2]
    # a one-word name typed ORG/MISC, or one read as a person only by the rules for a report's source («حسب دوغان»,
    # no full name claimed it) that is the word after the head of a body named in full («وكالة دوغان للانباء»); a
    # person the model or a listed name found stays a person («جامعة زايد» does not take «زايد»)
    headless = [c for c in clusters.values() if not c.canonical and len(c.key.split()) == 1 and len(c.key) >= 4
                and (c.type in ("ORG", "MISC") or c.type == "PER" and all(m.source == "rule" and not m.title for _, m in c.mentions))]
    by_two: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # first two words of the idafa form → orgs
    by_second: dict[str, list[_Cluster]] = defaultdict(list)            # the word after the head → orgs
    for o in orgs:
        b = _org_form(o.key.split())
        by_two[b[0], b[1]].append(o)
        by_two[b[0], "ال" + b[1]].append(o)  # «هيئة القناة» for «هيئة قناة السويس»
        by_second[o.key.split()[1]].append(o)
    for c in sorted(orgs, key=lambda c: -len(c.key.split())) + headless:  # longest first: a middle form joins first
        words = c.key.split()
        a = _org_form(words)
        pool = by_two[a[0], a[1]] if len(words) >= 2 else by_second[words[0]]
        fits = [o for o in pool if o is not c and clusters.get(o.key) is o and (
            _org_short_form(words, o.key.split()) if len(words) >= 2 else _without_head(words, o.key.split())
            and (c.type != "PER" or not set(o.key.split()[2:3]) & set(lexicon()["name_particles"])))]
        # (a person's name inside a body's name, «مؤسسة محمد بن راشد», is that person: «محمد» stays apart)
        if not fits:
            continue
        keep = []
        for doc, m in c.mentions:
            here = [o for o in fits if o.doc_count[doc]]
            pick = here if here else fits
            if len(pick) == 1:
                if _seat(words):  # its alias is the body's name, not where it sits («… بالرياض»)
                    m.form = m.text.rsplit(None, 1)[0]
                if c.type == "PER":  # the source of a report is the body, not a person
                    m.label = pick[0].type
                pick[0].add(doc, m, getattr(c, "first_order", 0))
            else:
                keep.append((doc, m))
        _leave_rest(clusters, c, keep, c.canonical, c.gtype)


# ------------------------------------------------------------------ claim holders, quote speakers
def _link_holders(ads: list[AnalysedDocument], entities: list[Entity]) -> None:
    by_id = {e.id: e for e in entities}
    alias_index: dict[str, str] = {}
    for e in sorted(entities, key=lambda e: len(e.mentions)):  # the most mentioned entity wins a shared alias
        for a in [*e.aliases, e.name]:
            alias_index[name_key(a)] = e.id
    titled: dict[str, Counter] = defaultdict(Counter)  # title key → people carrying it
    for ad in ads:
        for m in ad.mentions:
            tk = getattr(m, "title_key", None)
            if tk and m.entity and getattr(m, "kind", "name") != "title":
                titled[tk][m.entity] += 1
    title_index = {tk: cnt.most_common(1)[0][0] for tk, cnt in titled.items()}
    for ad in ads:
        ments = sorted((m for m in ad.mentions if m.entity), key=lambda m: m.start)
        # recomputed on every run: ids change when a corpus grows and a fuller name becomes canonical
        for c in ad.claims:
            if c.holder:
                c.holder_entity = _link(c.holder, getattr(c, "holder_start", None), getattr(c, "holder_end", None),
                                        ments, alias_index, by_id, title_index)
        for q in ad.quotes:
            if q.speaker:
                q.speaker_entity = _link(q.speaker, getattr(q, "speaker_start", None),
                                         getattr(q, "speaker_end", None), ments, alias_index, by_id, title_index)


def _governed(m: Mention, by_id: dict[str, Entity]) -> str | None:
    """The entity a holder mention stands for: the state behind a capital/seat/nationality, else itself."""
    e = by_id.get(m.entity or "")
    if e is not None and e.refers_to and m.refers_to:
        return e.refers_to
    return m.entity


def _link(surface: str, start, end, ments: list[Mention], alias_index: dict[str, str], by_id,
          title_index: dict[str, str] | None = None) -> str | None:
    if isinstance(start, int) and isinstance(end, int) and end > start:
        inside = [m for m in ments if m.start < end and start < m.end]
        if inside:
            # prefer a person or organisation, then the longest overlap
            rank = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
            best = min(inside, key=lambda m: (rank.get(m.label or "MISC", 4),
                                              -(min(end, m.end) - max(start, m.start))))
            return _governed(best, by_id)
    k = name_key(_without_proclitic(surface.strip()))
    # «وأضافت الوزارة»: a body named by its head noun alone is the last such body the article named
    # («وزارة الصحة» … «الوزارة»)
    words_k = k.split()
    if isinstance(start, int) and len(words_k) == 1 and words_k[0].startswith("ال") and len(words_k[0]) > 4:
        head = words_k[0][2:]
        for m in reversed(ments):
            if m.start < start and m.label == "ORG" and name_key(m.text).split()[:1] == [head]:
                return _governed(m, by_id)
    if k in alias_index:
        e = by_id[alias_index[k]]
        return e.refers_to or e.id
    # a title alone («وزيرة الخارجية الكورية الشمالية») → the person carrying it in the corpus
    if title_index:
        for m in tag_entities(surface.strip()):
            tk = getattr(m, "title_key", None)
            if tk in title_index and (m.label == "PER"):
                return title_index[tk]
    # the longest known alias inside the holder phrase («وزير الخارجية الأمريكي أنتوني بلينكن»)
    words = k.split()
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            sub = " ".join(words[i:i + n])
            if sub in alias_index:
                return alias_index[sub]
            bare = _without_proclitic(sub)
            if bare in alias_index:
                return alias_index[bare]
    return None
