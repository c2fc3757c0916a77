"""``handbill serve``: a local web page where volunteers edit every language of a leaflet side by side,
see live previews and the problems ``check`` finds at the fields they concern, and download the PDFs.

    handbill serve leaflets/victory-day-2023          # http://127.0.0.1:8000/
    serve(Path("leaflets/victory-day-2023"), port=8000)

The leaflet folder stays the source of truth (folder.py), previews are rendered in this process with a
warm session (preview.py), and every request passes the safety rules (safety.py) before the application
(app.py) acts on it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

LOCAL = "127.0.0.1"


def serve(leaflet: Path | None, host: str = LOCAL, port: int = 8000) -> None:
    """Run the web application until interrupted (Ctrl-C)."""
    import uvicorn

    from handbill.serve.app import make_app

    if host not in (LOCAL, "localhost", "::1"):
        print(f"warning: serving on {host}: anyone who can reach this machine on port {port} can read and change "
              "the leaflet; use this only on a network you trust", file=sys.stderr)
    app = make_app(leaflet, Path.cwd(), hosts=[host] if host not in ("0.0.0.0", "::") else ["*"])
    shown = f"[{host}]" if ":" in host else host
    where = f"/l/{quote(leaflet.resolve().name)}/" if leaflet is not None else "/"
    print(f"handbill serve: open http://{shown}:{port}{where} in your browser (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
