"""schemathesis against the workbench's OpenAPI schema, on loopback only (`make fuzz`; not part of `make test`).

Builds the hand-made store of the web tests (every layer, a hostile article), serves it with uvicorn on 127.0.0.1 and
runs `schemathesis run` with every check (its default: no 5xx, responses conform to the schema, …), uploads included
(with the server's X-Marsad-Token). Prints schemathesis's summary and exits with its status.

    .venv/bin/python tests/reliability/fuzz_api.py [--max-examples 50] [--max-time 300]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


# The upload's form fields are text on the wire: when schemathesis turns `source` into null or a number, the server
# receives the text «null» or «12», a valid outlet name, and accepts it; schemathesis 4.32 still calls that
# «schema-violating request accepted» (multipart type mutations, cf. its fixes for url-encoded forms). Its refusals
# that do mean something — an over-long `source`, an unknown field — are asserted in
# tests/web/test_api.py::test_upload_refuses_what_its_schema_refuses; every other check still runs on the upload.
# Every check runs (schemathesis's default; `--checks all` on the command line would override the operation's line).
CONFIG = """
[[operations]]
include-path = "/api/ingest"
include-method = "POST"
checks.negative_data_rejection.enabled = false
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-examples", type=int, default=50)
    ap.add_argument("--max-time", type=int, default=300, help="seconds for the whole run")
    args = ap.parse_args()
    from tests.web.conftest import LiveServer, build_rich_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fuzz.sqlite"
        build_rich_store(db)
        with LiveServer(db, max_upload=256 * 1024) as srv:
            config = Path(tmp) / "schemathesis.toml"
            config.write_text(CONFIG, encoding="utf-8")
            cmd = [str(REPO / ".venv/bin/schemathesis"), "--config-file", str(config), "run", f"{srv.url}/openapi.json",
                   "--max-examples", str(args.max_examples), "--max-time", str(args.max_time),
                   "--header", f"X-Marsad-Token: {srv.app.state.token}", "--workers", "1", "--seed", "17",
                   "--request-timeout", "30", "--suppress-health-check", "all", "--warnings", "off"]
            print("$", " ".join(c if "Token" not in c else "X-Marsad-Token: …" for c in cmd), flush=True)
            code = subprocess.run(cmd).returncode
            _wait_for_jobs()  # uploads the fuzzer made are still being analysed: let them end before we exit
            return code


def _wait_for_jobs(timeout: float = 300) -> None:
    import threading
    import time

    t0 = time.time()
    while time.time() - t0 < timeout and any(t.name.startswith("marsad-job-") for t in threading.enumerate()):
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
