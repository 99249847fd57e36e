"""marsad.extract.ner_train helpers that run without training (training itself is scripts/train_ner.py)."""
import json

from marsad.extract import ner_train


def test_ship_copies_the_model_keeps_the_readme_and_empties_the_string_store(tmp_path):
    best, dest = tmp_path / "best", tmp_path / "dest"
    (best / "vocab").mkdir(parents=True)
    (best / "vocab" / "strings.json").write_text(json.dumps(["كلمة", "أخرى"]), encoding="utf-8")
    (best / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    (dest / "vocab").mkdir(parents=True)
    (dest / "README.md").write_text("# kept\n", encoding="utf-8")
    (dest / "stale.bin").write_bytes(b"old")
    ner_train.ship(best, dest)
    assert json.loads((dest / "vocab" / "strings.json").read_text(encoding="utf-8")) == []
    assert (dest / "config.cfg").read_text(encoding="utf-8") == "[nlp]\n"
    assert (dest / "README.md").read_text(encoding="utf-8") == "# kept\n"
    assert not (dest / "stale.bin").exists()
    assert json.loads((best / "vocab" / "strings.json").read_text(encoding="utf-8")) == ["كلمة", "أخرى"]


def test_fix_iob_turns_a_stray_inside_tag_into_a_beginning():
    assert ner_train._fix_iob(["O", "I-PERS", "I-PERS", "I-LOC", "O"]) == ["O", "B-PERS", "I-PERS", "B-LOC", "O"]
