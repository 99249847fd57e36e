"""Peak memory of `marsad analyze` on oversized input: a 10 MB article and a zip holding a 150 MB member (issue 17).

Builds the two inputs from SaudiNewsNet article text (in a temporary folder, never in the repo), runs the command under
`/usr/bin/time -v` and prints the peak RSS, wall time and what marsad said about the input.

    .venv/bin/python bench/limits_memory.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import glob
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def article_text(shared: Path, n_chars: int) -> str:
    out, total = [], 0
    for z in sorted(glob.glob(str(shared / "eval/saudinewsnet/dataset/*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name)):
                    t = rec.get("content") or ""
                    out.append(t)
                    total += len(t)
                    if total >= min(n_chars, 400_000):
                        text = "\n".join(out)
                        return (text * (n_chars // len(text) + 1))[:n_chars]
    raise SystemExit("SaudiNewsNet not found")


def measure(path: Path, work: Path) -> dict:
    cmd = ["/usr/bin/time", "-v", str(REPO / ".venv/bin/marsad"), "analyze", str(path), "--json",
           str(work / "out.json")]
    r = subprocess.run(cmd, capture_output=True, text=True)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time .*: (\S+)", r.stderr).group(1)
    said = [ln for ln in r.stderr.splitlines() if re.match(r"(error|truncated|skipped|reported|\d+ documents)", ln)]
    return {"input": path.name, "bytes": path.stat().st_size, "exit": r.returncode, "peak_mb": round(peak / 1024),
            "wall": wall, "marsad": said}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = article_text(args.shared, 10_000_000)
        big = work / "article-10M.txt"
        big.write_text("مقال طويل جداً للقياس\n" + text, encoding="utf-8")
        z = work / "member-150MB.zip"
        chunk = text[:1_000_000].encode("utf-8")
        with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("huge.txt", "w", force_zip64=True) as fh:
            for _ in range(150 * 1024 * 1024 // len(chunk) + 1):
                fh.write(chunk)
        for p in (big, z):
            print(json.dumps(measure(p, work), ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
