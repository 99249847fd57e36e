"""NER ensembles: ner_train.assemble builds one pipeline from several models; ner.annotate/decode run them together.

Tiny pipelines trained here in a second (a blank Arabic spaCy with a tok2vec + listening ner, or a ner with its own
tok2vec) stand in for real models: what is tested is the assembling and the decoding, not the accuracy."""
import random

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from marsad.extract import ner, ner_train

SENTS = [
    (["زار", "محمد", "بن", "سلمان", "القاهرة", "أمس"], ["O", "B-PERS", "I-PERS", "I-PERS", "B-LOC", "O"]),
    (["قالت", "وزارة", "الخارجية", "الروسية", "إن", "موسكو", "ترفض"], ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O"]),
    (["التقى", "بوتين", "كيم", "في", "بيونغ", "يانغ"], ["O", "B-PERS", "B-PERS", "O", "B-LOC", "I-LOC"]),
    (["أعلنت", "الأمم", "المتحدة", "عن", "مؤتمر", "في", "جنيف"], ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-LOC"]),
]
LISTENER_NER = {"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                          "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2, "use_upper": True,
                          "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}}}


def _train(path, seed, listener=True):
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("ar")
    if listener:
        nlp.add_pipe("tok2vec")
        nlp.add_pipe("ner", config=LISTENER_NER)
    else:
        nlp.add_pipe("ner")
    examples = [Example(Doc(nlp.vocab, words=w), Doc(nlp.vocab, words=w, ents=t)) for w, t in SENTS]
    opt = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(40):
        rng.shuffle(examples)
        nlp.update(examples, sgd=opt, drop=0.1)
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    d = tmp_path_factory.mktemp("ens")
    return [_train(d / "a", 0), _train(d / "b", 1), _train(d / "c", 2, listener=False)]


def _tags(nlp, docs):
    return [ner._bio(d) for d in docs]


def _docs(nlp):
    return [Doc(nlp.vocab, words=w) for w, _ in SENTS] + [Doc(nlp.vocab, words=[]),
                                                           Doc(nlp.vocab, words=["كيم", "وبوتين", "في", "موسكو"])]


def test_decoding_one_model_in_python_gives_spacys_own_tags(models):
    nlp = spacy.load(models[0])
    want = _tags(nlp, nlp.pipe(_docs(nlp)))
    docs = list(nlp.get_pipe("tok2vec").pipe(_docs(nlp)))
    assert _tags(nlp, ner.decode([nlp.get_pipe("ner")], docs)) == want
    # the same model twice: the same probabilities summed, the same actions
    docs = list(nlp.get_pipe("tok2vec").pipe(_docs(nlp)))
    assert _tags(nlp, ner.decode([nlp.get_pipe("ner")] * 2, docs)) == want


def test_assemble_adds_the_other_models_as_disabled_members(models, tmp_path):
    out = ner_train.assemble(models, tmp_path / "ens")
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert nlp.disabled == ["ner_1", "ner_2"]
    assert [m.name for m in ner.members(nlp)] == ["ner", "ner_1", "ner_2"]
    # each member kept its own weights: alone, member 1 tags as model b does
    b = spacy.load(models[1])
    alone = spacy.load(out)
    want_b = _tags(b, b.pipe(_docs(b)))
    assert _tags(alone, ner.decode([alone.get_pipe("ner_1")], _docs(alone))) == want_b
    # nlp(text) still runs the first model alone
    a = spacy.load(models[0])
    assert _tags(nlp, nlp.pipe(_docs(nlp))) == _tags(a, a.pipe(_docs(a)))


def test_annotate_runs_the_ensemble_and_matches_a_hand_computed_vote(models, tmp_path):
    nlp = spacy.load(ner_train.assemble(models[:2], tmp_path / "ens"))
    got = _tags(nlp, ner.annotate(nlp, _docs(nlp)))
    assert len(got) == len(SENTS) + 2 and got[len(SENTS)] == []
    assert all(len(t) == len(w) for t, w in zip(got, [w for w, _ in SENTS]))
    # reference: the first step's action for each sentence = argmax of the two models' summed probabilities
    a, b = spacy.load(models[0]), spacy.load(models[1])
    assert _tags(a, a.pipe(_docs(a))) != _tags(b, b.pipe(_docs(b)))   # the two members disagree somewhere
    da = list(a.get_pipe("tok2vec").pipe([Doc(a.vocab, words=w) for w, _ in SENTS]))
    db = list(b.get_pipe("tok2vec").pipe([Doc(b.vocab, words=w) for w, _ in SENTS]))
    sa, sb = a.get_pipe("ner").model.predict(da), b.get_pipe("ner").model.predict(db)
    states = a.get_pipe("ner").moves.init_batch(da)
    p = ner._probs(sa.predict(states)) + ner._probs(sb.predict(states))
    moves = a.get_pipe("ner").moves
    valid = [[moves.get_class_name(i) for i in range(moves.n_moves)] for _ in states]
    for row, tags, names in zip(p, got, valid):
        order = [names[i] for i in np.argsort(-row)]
        first = next(n for n in order if n.split("-")[0] in ("B", "U", "O") and n != "O-")
        want = "O" if first.startswith("O") else ("B-" + first[2:])
        assert tags[0] == want


def test_assemble_refuses_a_model_trained_on_other_vectors(models, tmp_path):
    odd = spacy.load(models[1])
    odd.vocab.set_vector("موسكو", np.ones(4, dtype="float32"))
    odd.to_disk(tmp_path / "odd")
    with pytest.raises(ValueError, match="other vectors"):
        ner_train.assemble([models[0], tmp_path / "odd"], tmp_path / "ens")


def test_shipped_model_members_share_one_label_set():
    nlp = ner.load()
    names = [[m.moves.get_class_name(i) for i in range(m.moves.n_moves)] for m in ner.members(nlp)]
    assert names and all(n == names[0] for n in names)
