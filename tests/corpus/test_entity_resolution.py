"""Entity resolution across documents (marsad.corpus.entities.resolve). Original test sentences; rules only."""
import pytest

from marsad.arabic.text import split_sentences
from marsad.corpus import entities as R
from marsad.extract import entities as E
from marsad.model import AnalysedDocument, Claim, Document, Quote


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setattr(E, "_ner", lambda: None)


def ad(doc_id, text):
    a = AnalysedDocument(document=Document(id=doc_id, source_path=f"{doc_id}.txt", text=text))
    a.mentions = [m.model_copy(update={"doc": doc_id}) for m in E.tag_entities(text, split_sentences(text))]
    return a


def by_name(ents, name):
    return next(e for e in ents if e.name == name)


DOCS = {
    "a": ("زار الزعيم الكوري الشمالي كيم جونغ أون مصنعا للصواريخ، ورافقته شقيقته كيم يو جونغ. "
          "وقال كيم إن الإنتاج سيتضاعف. وأشاد كيم بالعمال الذين يعملون منذ عهد كيم إيل سونغ."),
    "b": ("أصدرت كيم يو جونغ بيانا شديد اللهجة. وقالت كيم إن التدريبات استفزاز. "
          "ورد الرئيس الكوري الجنوبي لي جاي ميونغ بالدعوة إلى الحوار."),
    "c": ("هدد الزعيم الكوري الشمالي بالرد على أي هجوم. وتقدر سيول أن بيونغ يانغ أطلقت صاروخين. "
          "وعلق ترمب على التجربة، فيما قال الرئيس الأمريكي دونالد ترامب إنه مستعد للقاء."),
    "d": ("قال وزير المالية الكيني صموئيل موانغي، إن العجز تراجع. وأضاف موانغي أن الديون مستقرة. "
          "وأكد الكرملين أن موسكو لن ترد."),
    "e": "وأعلن وزير المالية الكيني أن الموازنة الجديدة ستعرض على البرلمان في نيروبي.",
}


@pytest.fixture
def resolved():
    ads = [ad(k, v) for k, v in DOCS.items()]
    ents = R.resolve(ads)
    return ads, ents


def test_three_kims_stay_apart_and_bare_kim_goes_to_the_salient_one(resolved):
    ads, ents = resolved
    kju, kyj, kis = (by_name(ents, n) for n in ("كيم جونغ أون", "كيم يو جونغ", "كيم إيل سونغ"))
    assert len({kju.id, kyj.id, kis.id}) == 3
    assert all(e.type == "PER" for e in (kju, kyj, kis))
    docs_of = lambda e: {(m.doc, m.text) for m in e.mentions}  # noqa: E731
    assert ("a", "كيم") in docs_of(kju) and ("a", "كيم") not in docs_of(kyj)
    assert ("b", "كيم") in docs_of(kyj) and ("b", "كيم") not in docs_of(kju)
    assert "كيم" in kju.aliases


def test_title_alone_joins_the_title_holder_of_the_same_document_only(resolved):
    ads, ents = resolved
    kju = by_name(ents, "كيم جونغ أون")
    # document c names no leader: its «الزعيم الكوري الشمالي» is left unresolved (no cross-document guess)
    assert ("c", "الزعيم الكوري الشمالي") not in {(m.doc, m.text) for m in kju.mentions}
    assert "الزعيم الكوري الشمالي" in kju.titles
    mw = by_name(ents, "صموئيل موانغي")
    assert {m.doc for m in mw.mentions} == {"d"}
    assert "موانغي" in mw.aliases and "وزير المالية الكيني" not in mw.aliases
    assert not any(m.text == "وزير المالية الكيني" for m in ads[4].mentions)


def test_title_alone_in_the_same_document_is_an_alias():
    text = ("قال وزير الخارجية الكيني جوزيف أوما إن المحادثات جادة. "
            "وأضاف وزير الخارجية الكيني أن جولة جديدة ستعقد الشهر المقبل.")
    ents = R.resolve([ad("f", text)])
    jo = by_name(ents, "جوزيف أوما")
    assert "وزير الخارجية الكيني" in jo.aliases and len(jo.mentions) == 2


def test_spelling_variants_merge_and_canonical_is_the_full_name(resolved):
    _, ents = resolved
    tr = by_name(ents, "دونالد ترامب")
    assert {"ترمب", "دونالد ترامب"} <= set(tr.aliases)
    assert tr.id == R.entity_id("PER", "دونالد ترامب")
    assert "الرئيس الأمريكي" in tr.titles


def test_metonymy_keeps_the_place_and_points_to_the_state(resolved):
    _, ents = resolved
    seoul = by_name(ents, "سيول")
    assert seoul.type == "LOC" and seoul.refers_to == R.entity_id("LOC", "كوريا الجنوبية")
    kremlin = by_name(ents, "الكرملين")
    assert kremlin.type == "ORG" and kremlin.refers_to == R.entity_id("LOC", "روسيا")


def test_every_mention_gets_its_entity_and_offsets_hold(resolved):
    ads, ents = resolved
    ids = {e.id for e in ents}
    for a in ads:
        for m in a.mentions:
            assert m.entity in ids
            assert a.document.text[m.start:m.end] == m.text
    for e in ents:
        for r in e.mentions:
            text = DOCS[r.doc]
            assert text[r.start:r.end] == r.text


def test_ids_do_not_depend_on_document_order():
    one = R.resolve([ad(k, v) for k, v in DOCS.items()])
    two = R.resolve([ad(k, v) for k, v in reversed(list(DOCS.items()))])
    assert {(e.id, e.name) for e in one} == {(e.id, e.name) for e in two}


def test_claim_holders_and_quote_speakers_are_linked():
    text = DOCS["c"]
    a = ad("c", text)
    i = text.index("سيول")
    a.claims = [Claim(id="c1", doc="c", start=0, end=len(text), evidence="صاروخين", holder="سيول",
                      holder_start=i, holder_end=i + 4)]
    a.quotes = [Quote(doc="c", start=0, end=10, text=text[:10], speaker="ترمب")]
    ents = R.resolve([a])
    assert a.claims[0].holder_entity == R.entity_id("LOC", "كوريا الجنوبية")  # the government behind the capital
    assert a.quotes[0].speaker_entity == by_name(ents, "دونالد ترامب").id


def test_elided_article_is_listed_with_its_article():
    a = ad("f", "وجه الأمين العام نداء للأمم المتحدة ووكالاتها، ودعا الأمم المتحدة إلى التحرك.")
    ents = R.resolve([a])
    un = by_name(ents, "الأمم المتحدة")
    assert len(un.mentions) == 2 and un.aliases == ["الأمم المتحدة"]
    assert {m.text for m in un.mentions} == {"لأمم المتحدة", "الأمم المتحدة"}


def test_first_name_alone_attaches_but_a_father_name_does_not():
    a = ad("g", "استقبل الأمير فيصل بن خالد الوفد. وقال الأمير فيصل إن المشروع يتقدم، وأشاد الأمير خالد، بالجهود.")
    ents = R.resolve([a])
    fk = by_name(ents, "فيصل بن خالد")
    assert {m.text for m in fk.mentions} >= {"فيصل بن خالد", "فيصل"}
    assert "خالد" not in fk.aliases


def test_unlisted_people_found_by_titles_and_speech_verbs_merge_across_documents():
    a = ad("j1", "أعلنت رئيسة الوزراء اليابانية هيروكو ناكامورا، الاثنين، زيادة الميزانية. وقالت ناكامورا أمام "
                 "البرلمان إن الوضع خطير. وقال المتحدث باسم وزارة الخارجية الصينية تشانغ ويمين إن على طوكيو التراجع.")
    b = ad("j2", "وأكد تشانغ ويمين أن بكين لن تتراجع. وردت رئيسة الوزراء اليابانية بأن بلادها لا تريد التصعيد. "
                 "والتقى الوزير نظيره الياباني تاكيشي موريتا في طوكيو، وأوضح موريتا للصحافيين: «ننسق معا».")
    ents = R.resolve([a, b])
    tk = by_name(ents, "هيروكو ناكامورا")
    # j2 names nobody with the title: its «رئيسة الوزراء اليابانية» joins no one (same-document coreference only)
    assert {(m.doc, m.text) for m in tk.mentions} == {("j1", "هيروكو ناكامورا"), ("j1", "ناكامورا")}
    lj = by_name(ents, "تشانغ ويمين")
    assert {m.doc for m in lj.mentions} == {"j1", "j2"}
    assert lj.titles == ["المتحدث باسم وزارة الخارجية الصينية"]
    mt = by_name(ents, "تاكيشي موريتا")
    assert {m.text for m in mt.mentions} == {"تاكيشي موريتا", "موريتا"}


def test_master_of_a_seat_of_power_is_its_head_of_state():
    a = ad("k1", "التقى الرئيس الروسي فلاديمير بوتين الوفد. وتستعد موسكو لقمة سيد الكرملين مع نظيره في ألاسكا.")
    b = ad("k2", "وتستعد موسكو لقمة سيد الكرملين مع نظيره في ألاسكا.")
    ents = R.resolve([a, b])
    putin = by_name(ents, "فلاديمير بوتين")
    assert ("k1", "سيد الكرملين") in {(m.doc, m.text) for m in putin.mentions}
    assert ("k2", "سيد الكرملين") not in {(m.doc, m.text) for m in putin.mentions}
    assert by_name(ents, "الكرملين").type == "ORG"


def test_partial_name_joins_the_full_name_of_its_document():
    a = ad("p1", "قال الرئيس اليمني عبد ربه منصور هادي، إن الحرب ستنتهي. وأكد عبد ربه منصور، أن الحكومة باقية.")
    ents = R.resolve([a])
    hadi = by_name(ents, "عبد ربه منصور هادي")
    assert {m.text for m in hadi.mentions} == {"عبد ربه منصور هادي", "عبد ربه منصور"}


def test_speaker_given_as_a_title_links_to_its_holder():
    a = ad("s1", "قال وزير الخارجية البرتغالي جواو مارتينز، إن الاتفاق قريب.")
    b = ad("s2", "وأكد وزير الخارجية البرتغالي أن المحادثات مستمرة.")
    b.quotes = [Quote(doc="s2", start=0, end=10, text=b.document.text[:10], speaker="وزير الخارجية البرتغالي")]
    ents = R.resolve([a, b])
    assert b.quotes[0].speaker_entity == by_name(ents, "جواو مارتينز").id


def test_people_found_in_one_article_are_found_in_the_others():
    a = ad("q1", "وحضر سفير البرازيل لدى البلاد ماركوس فيريرا، الحفل.")
    b = ad("q2", "وكان ماركوس فيريرا قد زار الموقع، ثم غادر فيريرا العاصمة.")
    assert not [m for m in b.mentions if "فيريرا" in m.text]  # nothing in b says these words are a name
    ents = R.resolve([a, b])
    mf = by_name(ents, "ماركوس فيريرا")
    assert {(m.doc, m.text) for m in mf.mentions} == {("q1", "ماركوس فيريرا"), ("q2", "ماركوس فيريرا"),
                                                      ("q2", "فيريرا")}
    for m in b.mentions:
        assert b.document.text[m.start:m.end] == m.text


# ------------------------------------------------------------------ issue 16: resolution on real news
def _stub_model(monkeypatch, people):
    """A stand-in NER model tagging the given names as persons wherever they occur."""
    import types

    def predict_spans(t, nlp=None):
        return [(i, i + len(p), "PER") for p in people for i in range(len(t)) if t.startswith(p, i)]

    monkeypatch.setattr(E, "_ner", lambda: (types.SimpleNamespace(predict_spans=predict_spans), None))


def test_first_and_last_word_short_form_joins_the_only_full_name(monkeypatch):
    _stub_model(monkeypatch, ["فهد الحربي"])
    a = ad("s1", "وقال اللواء فهد بن سالم الحربي إن العمل مستمر. وأكد فهد الحربي أن النتائج جيدة.")
    b = ad("s2", "وأشاد فهد الحربي بتعاون المراجعين.")
    ents = R.resolve([a, b])
    fh = by_name(ents, "فهد بن سالم الحربي")
    assert {(m.doc, m.text) for m in fh.mentions} >= {("s1", "فهد الحربي"), ("s2", "فهد الحربي")}


def test_a_short_form_with_two_fitting_full_names_stays_apart():
    a = ad("t1", "والتقى العقيد ماجد بن سالم الشهري بالوفد.")
    b = ad("t2", "وحضر العقيد ماجد بن سعد الشهري الحفل.")
    c = ad("t3", "وقال ماجد الشهري إن الحفل نجح.")
    ents = R.resolve([a, b, c])
    full = [e for e in ents if e.name in ("ماجد بن سالم الشهري", "ماجد بن سعد الشهري")]
    assert len(full) == 2
    assert not any("ماجد الشهري" in e.aliases for e in full)


def test_organisation_short_forms_join_their_full_name():
    a = ad("o1", "وأعلنت المديرية العامة للجوازات تمديد المهلة. وقالت مديرية الجوازات إن الأنظمة محدثة.")
    b = ad("o2", "وأوضحت هيئة ميناء جدة أن العبور مستمر، وأضافت هيئة الميناء أن الرسوم ثابتة.")
    ents = R.resolve([a, b])
    dg = by_name(ents, "المديرية العامة للجوازات")
    assert "مديرية الجوازات" in dg.aliases and dg.type == "ORG"
    pa = next(e for e in ents if "هيئة الميناء" in e.aliases)
    assert pa.name == "هيئة ميناء جدة"


def test_the_same_short_organisation_with_two_fuller_names_stays_apart():
    a = ad("q1", "وأعلنت وزارة الداخلية الأردنية فتح المعبر.")
    b = ad("q2", "وأعلنت وزارة الداخلية العراقية إغلاق المعبر.")
    c = ad("q3", "وقالت وزارة الداخلية إن الحركة طبيعية.")
    ents = R.resolve([a, b, c])
    assert by_name(ents, "وزارة الداخلية").mentions[0].doc == "q3"


def test_nationality_adjectives_and_junk_make_no_entities():
    a = ad("n1", "وقال الجيش الأردني إن الجنود الأردنيين عادوا، وبلغت الكلفة مليون دينار.")
    ents = R.resolve([a])
    names = {e.name for e in ents}
    assert "الجيش الأردني" in names
    assert not any(e.type == "MISC" for e in ents) and "دينار" not in names


def test_group_noun_never_takes_a_persons_title():
    a = ad("g1", "وقال وزير الدفاع الكيني أحمد موسى إن دول التحالف ملتزمة. وأضاف وزير الدفاع الكيني أن الدعم مستمر.")
    ents = R.resolve([a])
    coal = by_name(ents, "دول التحالف")
    assert coal.type == "ORG" and coal.aliases == ["دول التحالف"]
    assert "وزير الدفاع الكيني" in by_name(ents, "أحمد موسى").aliases


def test_organisation_named_without_its_head_joins_it(monkeypatch):
    import types

    def predict_spans(t, nlp=None):
        return [(i, i + len("الندى"), "ORG") for i in range(len(t)) if t.startswith("الندى", i)]

    monkeypatch.setattr(E, "_ner", lambda: (types.SimpleNamespace(predict_spans=predict_spans), None))
    a = ad("h1", "ونقلت وكالة الندى للأنباء عن مصدر أمني أن الطريق فتح.")
    b = ad("h2", "وذكرت الندى أن الحركة عادت إلى طبيعتها.")
    ents = R.resolve([a, b])
    ag = by_name(ents, "وكالة الندى للأنباء")
    assert {m.doc for m in ag.mentions} == {"h1", "h2"}


def test_a_family_name_the_model_typed_as_a_place_is_the_person(monkeypatch):
    import types

    def predict_spans(t, nlp=None):
        out = []
        for w, lab in (("عادل بركات", "PER"), ("بركات", "LOC")):
            i = t.find(w)
            while i >= 0:
                if not any(a <= i < b for a, b, _ in out):
                    out.append((i, i + len(w), lab))
                i = t.find(w, i + 1)
        return out

    monkeypatch.setattr(E, "_ner", lambda: (types.SimpleNamespace(predict_spans=predict_spans), None))
    a = ad("b1", "وقال رئيس الوزراء عادل بركات إن الحكومة باقية. وأضاف بركات أن الرواتب ستصرف.")
    ents = R.resolve([a])
    ab = by_name(ents, "عادل بركات")
    assert "بركات" in ab.aliases and not [e for e in ents if e.name == "بركات"]


def test_a_body_named_by_its_head_noun_alone_is_the_last_such_body_named():
    text = ("أعلنت وزارة الصحة تسجيل 12 حالة جديدة. وأكدت وزارة الداخلية إغلاق المعبر. "
            "وأضافت الوزارة أن 30 شخصا غادروا المستشفى.")
    a = ad("m", text)
    i = text.index("الوزارة")
    a.claims = [Claim(id="c1", doc="m", start=0, end=len(text), evidence="30 شخصا", holder="الوزارة",
                      holder_start=i, holder_end=i + len("الوزارة"))]
    ents = R.resolve([a])
    interior = next((e for e in ents if e.name.startswith("وزارة الداخلية")), None)
    assert interior is not None and a.claims[0].holder_entity == interior.id   # the nearest «وزارة …» before it


def _stub_spans(monkeypatch, spans):
    """The NER model replaced by one that tags every occurrence of the given (words, label) pairs."""
    import types

    def predict_spans(t, nlp=None):
        out = []
        for w, lab in spans:
            i = t.find(w)
            while i >= 0:
                if not any(a <= i < b for a, b, _ in out):
                    out.append((i, i + len(w), lab))
                i = t.find(w, i + 1)
        return out

    monkeypatch.setattr(E, "_ner", lambda: (types.SimpleNamespace(predict_spans=predict_spans), None))


def test_an_agency_named_without_its_head_and_read_as_a_person_joins_it(monkeypatch):
    _stub_spans(monkeypatch, [("وكالة سنبلة للأنباء", "ORG")])
    a = ad("s1", "وأعلنت وكالة سنبلة للأنباء أن الطريق أغلق أمام الشاحنات.")
    b = ad("s2", "وأصيب ثلاثة جنود في الهجوم، حسب سنبلة.")
    assert any(m.text == "سنبلة" and m.label == "PER" for m in b.mentions)  # the «حسب X» rule reads a person
    ents = R.resolve([a, b])
    ag = by_name(ents, "وكالة سنبلة للأنباء")
    assert {m.doc for m in ag.mentions} == {"s1", "s2"} and not [e for e in ents if e.name == "سنبلة"]


def test_a_given_name_inside_a_bodys_name_stays_a_person(monkeypatch):
    _stub_spans(monkeypatch, [("مؤسسة منصور بن فهد الخيرية", "ORG"), ("منصور", "PER")])
    a = ad("p1", "وتبرعت مؤسسة منصور بن فهد الخيرية بالأجهزة. وقال منصور إن التبرع مستمر.")
    ents = R.resolve([a])
    assert "منصور" not in by_name(ents, "مؤسسة منصور بن فهد الخيرية").aliases


def test_a_national_directorate_at_its_seat_and_under_its_other_head_is_one_body():
    a = ad("d1", "وأكدت المديرية العامة للسجون أن الزيارات مستمرة. ودعت المديرية العامة للسجون الأسر إلى التسجيل.")
    b = ad("d2", "وتعاونت الجمعية مع الإدارة العامة للسجون بالرياض ومع إدارة السجون بمنطقة تبوك ومع الإدارة العامة "
                 "للمرور.")
    ents = R.resolve([a, b])
    body = by_name(ents, "المديرية العامة للسجون")
    assert {m.doc for m in body.mentions} == {"d1", "d2"}
    assert "الإدارة العامة للسجون" in body.aliases  # the seat («بالرياض») is no part of the body's alias
    # a regional administration and another directorate stay apart
    assert by_name(ents, "إدارة السجون بمنطقة تبوك").id != body.id
    assert by_name(ents, "الإدارة العامة للمرور").id != body.id
    assert by_name(ents, "الرياض").type == "LOC"


def test_a_family_name_after_a_full_patronymic_joins_the_person(monkeypatch):
    _stub_spans(monkeypatch, [("فهد بن سالم الحربي", "PER"), ("الحربي", "PER")])
    a = ad("p1", "وأوضح اللواء فهد بن سالم الحربي أن العمل مستمر. وأشار اللواء الحربي إلى تحسن الأداء.")
    ents = R.resolve([a])
    person = by_name(ents, "فهد بن سالم الحربي")
    assert {m.text for m in person.mentions} == {"فهد بن سالم الحربي", "الحربي"}
    assert not [e for e in ents if e.name == "الحربي"]


def test_the_fathers_name_right_after_a_particle_stays_no_surname(monkeypatch):
    _stub_spans(monkeypatch, [("فيصل بن خالد", "PER"), ("خالد", "PER")])
    a = ad("p2", "استقبل الأمير فيصل بن خالد الوفد، ثم زار الأمير خالد المعرض.")
    ents = R.resolve([a])
    assert "خالد" not in by_name(ents, "فيصل بن خالد").aliases


def test_religious_formulae_and_a_head_noun_before_a_conjunction_make_no_entity(monkeypatch):
    _stub_spans(monkeypatch, [("ولله الحمد", "PER"), ("منظمة وميسرة", "ORG"), ("بشدة", "PER")])
    a = ad("p3", "وجاءت الرحلات منظمة وميسرة ولله الحمد، وأشاد الزوار بشدة بالخدمات.")
    assert not R.resolve([a])
