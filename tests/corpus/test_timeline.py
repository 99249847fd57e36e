from marsad.corpus import dedup, stories, timeline
from marsad.model import AnalysedDocument, DateMention, Document, Sentence, Story


def _fire_story(corpus):
    _, story_list = stories.cluster(corpus, [], dedup.near_duplicates(corpus))
    return next(s for s in story_list if "doc-fire3" in s.documents)


def test_entries_are_cited_sentences_in_date_order(corpus):
    story = _fire_story(corpus)
    texts = {a.document.id: a.document.text for a in corpus}
    tl = timeline.build(story, corpus)
    assert tl, "dated sentences give entries"
    for e in tl:
        assert e.doc in story.documents
        assert e.text in texts[e.doc][e.start:e.end]
        for s in e.sources:
            assert s.doc != e.doc and texts[s.doc][s.start:s.end]
    keys = [timeline.sort_key(e.date) for e in tl]
    assert keys == sorted(keys)
    # «موجة حر تضرب المنطقة منذ أسبوع» (an article of 06-10) dates the heat wave to 06-03: the earliest entry
    assert [e.date for e in tl][:1] == ["2031-06-03"]
    assert "2031-06-09" in [e.date for e in tl] and "2031-06-12" in [e.date for e in tl]


def test_same_happening_from_several_outlets_is_one_entry(corpus):
    tl = timeline.build(_fire_story(corpus), corpus)
    outbreak = [e for e in tl if e.date == "2031-06-09"]
    assert len(outbreak) == 1
    assert outbreak[0].doc == "doc-fire1"                       # earliest report first (then by order)
    assert {s.doc for s in outbreak[0].sources} == {"doc-fire2", "doc-fire2copy"}


def _doc(doc_id, text, dates, published="2030-01-05", published_from="metadata"):
    sents = []
    pos = 0
    for part in text.split("\n"):
        sents.append(Sentence(start=pos, end=pos + len(part)))
        pos += len(part) + 1
    ms = []
    for phrase, value, grain, how in dates:
        k = text.index(phrase)
        ms.append(DateMention(doc=doc_id, start=k, end=k + len(phrase), text=phrase, value=value, grain=grain,
                              resolved_from=how))
    return AnalysedDocument(document=Document(id=doc_id, source_path=doc_id, text=text, published=published,
                                              published_from=published_from), sentences=sents, dates=ms)


def test_grains_unresolved_and_untrusted_dates():
    a = _doc("a", "افتتح الجسر الجديد في مارس 2029 بعد تأخير طويل.\nوقال الوزير أمس إن الطريق سيفتح الأسبوع المقبل.\n"
                  "وكان المشروع قد بدأ عام 2025 وسط انتقادات.\nوتحدث السكان عن ازدحام في الصيف.",
             [("مارس 2029", "2029-03", "month", "absolute"), ("أمس", "2030-01-04", "day", "publication"),
              ("الأسبوع المقبل", "2030-W02", "week", "publication"), ("عام 2025", "2025", "year", "absolute"),
              ("الصيف", None, None, "unresolved")])
    b = _doc("b", "وقال الوزير أمس إن الجسر آمن.\nوقع الحادث في سبتمبر من العام الماضي.",
             [("أمس", "2023-05-01", "day", "publication"), ("سبتمبر", "2022-09", "month", "absolute")],
             published="2023-05-02", published_from="inferred")
    tl = timeline.build(Story(id="s", title="t", documents=["a", "b"]), [a, b])
    # one entry per sentence (the finest date: «أمس», not «الأسبوع المقبل»); nothing from an unresolved date;
    # from the document with an inferred publication date only its absolute dates
    assert [e.date for e in tl] == ["2022-09", "2025", "2029-03", "2030-01-04"]
    assert tl[-1].text == "وقال الوزير أمس إن الطريق سيفتح الأسبوع المقبل."


def test_sort_key_orders_edtf_values():
    vals = ["XXXX-09", "2024-10-31T15:20", "2024", "2024-23", "2024-W44", "2024-10", "2024-10-31", "201X",
            "2024-10-01/2024-10-31"]
    order = sorted(vals, key=timeline.sort_key)
    assert order.index("2024-10") < order.index("2024-10-31") and order[-1] == "XXXX-09"
    assert order.index("2024-23") < order.index("2024-10")          # autumn starts in September


def test_long_story_is_capped(corpus):
    tl = timeline.build(_fire_story(corpus), corpus, max_entries=1)
    assert len(tl) == 1


def test_entries_start_after_the_dateline_and_skip_furniture():
    text = ("الساحل - (النهار): أعلنت البلدية أمس افتتاح الجسر المعلق فوق نهر الزيتون.\n"
            "رابط الخبر بصحيفة الواحة: البلدية تفتتح الجسر في مارس 2029\n"
            "وقال رئيس البلدية إن الأعمال بدأت في يونيو 2027 بعد تأخير طويل.")
    a = _doc("a", text, [("أمس", "2030-01-04", "day", "publication"), ("مارس 2029", "2029-03", "month", "absolute"),
                         ("يونيو 2027", "2027-06", "month", "absolute")])
    tl = timeline.build(Story(id="s", title="t", documents=["a"]), [a])
    # the link line gives no entry; the first sentence's entry starts at the news, its offsets still true
    assert [e.date for e in tl] == ["2027-06", "2030-01-04"]
    first = tl[-1]
    assert first.text == "أعلنت البلدية أمس افتتاح الجسر المعلق فوق نهر الزيتون."
    assert all(text[e.start:e.end] == e.text for e in tl)


def test_a_date_in_the_dateline_gives_no_entry():
    text = "المرفأ 4 يناير 2030 - (الضحى): وصلت السفينة الأولى إلى الميناء الجديد بعد رحلة طويلة."
    a = _doc("a", text, [("4 يناير 2030", "2030-01-04", "day", "absolute")])
    assert timeline.build(Story(id="s", title="t", documents=["a"]), [a]) == []


def test_a_round_up_datelines_each_item():
    text = ("أخبار العالم في سطور\n\n"
            "المرفأ - (النسيم): أعلنت البلدية أمس افتتاح الجسر المعلق فوق نهر الزيتون.\n\n"
            "الواحة - وكالات: وصلت أمس أول قافلة مساعدات إلى القرى المنكوبة.")
    a = _doc("a", text, [("أمس", "2030-01-04", "day", "publication"), ("أمس أول", "2030-01-04", "day", "publication")])
    tl = timeline.build(Story(id="s", title="t", documents=["a"]), [a])
    assert {e.text for e in tl} == {"أعلنت البلدية أمس افتتاح الجسر المعلق فوق نهر الزيتون.",
                                   "وصلت أمس أول قافلة مساعدات إلى القرى المنكوبة."}
