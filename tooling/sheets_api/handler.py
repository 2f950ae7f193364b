"""The HTTP layer: a threading server that ignores hung-up clients, and the request handler."""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tooling.sheets_api.server import SheetsApiServer


class QuietHTTPServer(ThreadingHTTPServer):
    api: SheetsApiServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up on a slow answer closes the socket; that is expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    server: QuietHTTPServer

    def _serve(self) -> None:
        answer = self.server.api._handle(self.command, self.path)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read `server.requests`; stderr noise helps nobody
