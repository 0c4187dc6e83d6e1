"""POST /api/v1/documents: token-guarded ingestion of a file, text, HTML or URL (a form), or of
document objects sent as a JSON body (one object or a list) or as JSON lines. 201 when something
new was stored; 200 when everything sent was stored before."""

from __future__ import annotations

import hmac
import json
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import IngestError
from ..model import Document
from ..sources.files import SUFFIXES, read_bytes
from ..sources.given import given_document
from .api_lists import JSONL, reject_unknown_params
from .api_models import ErrorOut, PostAnswer

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(reject_unknown_params)])

_FORM_SLACK = 64 * 1024  # multipart headers and small fields around the one file
_JSON_TYPES = {"application/json": "application/json", JSONL: "application/jsonl",
               "application/jsonl": "application/jsonl", "application/jsonlines": "application/jsonl"}
_OBJECT = {"type": "object", "description": "A document object, as in a .jsonl input file: 'text' or 'html', "
                                            "with optional title, published, outlet, url, language, id.",
           "properties": {"text": {"type": "string"}, "html": {"type": "string"}, "title": {"type": "string"},
                          "published": {"type": "string"}, "outlet": {"type": "string"}, "url": {"type": "string"}}}
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": ".html, .txt or .json file"},
                    "text": {"type": "string", "description": "Plain text of an article"},
                    "html": {"type": "string", "description": "An HTML page"},
                    "url": {"type": "string", "description": "A public http(s) URL to fetch"},
                    "title": {"type": "string"}, "published": {"type": "string"}, "outlet": {"type": "string"},
                    "source_url": {"type": "string", "description": "Where the given text/HTML came from"},
                },
            }},
            "application/json": {"schema": {"anyOf": [_OBJECT, {"type": "array", "items": _OBJECT}]}},
            JSONL: {"schema": {"type": "string", "description": "One document object per line."}},
        },
    },
}
_ANSWER = PostAnswer
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": _ANSWER, "description": "Everything sent was stored before: nothing added."},
    201: {"model": _ANSWER, "description": "Stored (one object: Posted; a list or JSON lines: PostedBatch)."},
    **{code: {"model": ErrorOut, "description": text} for code, text in (
        (400, "Unreadable body or an unknown parameter"), (401, "Missing or bad token"), (413, "Too large"),
        (415, "Not a form, JSON or JSON lines"), (422, "Nothing to ingest, or an invalid document object"))},
}


def _state(request: Request) -> Any:
    return request.app.state.newsloom


@router.post("/documents", status_code=201, response_model=_ANSWER, responses=_RESPONSES,
             summary="Ingest documents: a file, text, HTML or a URL (form), or JSON / JSON lines document objects",
             openapi_extra=_UPLOAD_BODY)
async def post_document(request: Request, response: Response) -> dict[str, Any]:
    state = _state(request)
    _authorize(request, state.token)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _JSON_TYPES:
        body = await _read_body(request, state.max_upload, 0)
        return await _post_objects(body, _JSON_TYPES[ctype], state, response)
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise HTTPException(415, "send multipart/form-data (file, text, html or url field), "
                                 f"application/json or {JSONL} (document objects)")
    form = await _read_form(request, state.max_upload)
    doc = await _document_from_form(form, state)
    report = await run_in_threadpool(state.ingest, doc)
    if report.present:
        response.status_code = 200
    return _posted(state.store, doc.id, present=bool(report.present))


def _posted(store: Any, doc_id: str, present: bool) -> dict[str, Any]:
    record = store.document(doc_id)
    status = "present" if present else (record.status if record else "failed")
    return {"id": doc_id, "status": status, "error": record.error if record else None,
            "article": f"/api/v1/articles/{doc_id}" if record and record.status == "done" else None}


async def _post_objects(body: bytes, media_type: str, state: Any, response: Response) -> dict[str, Any]:
    single = media_type == "application/json" and _json_kind(body) is dict
    items = list(read_bytes("api:" + media_type.split("/")[1], body, media_type))
    if single and items[0].error:
        raise HTTPException(422, items[0].error)  # one object: the client's mistake, not a failed document
    if not items:
        raise HTTPException(422, "nothing to ingest: no document objects in the body")
    known = [i.doc for i in items if i.doc is not None]
    before = {d.id for d in known if state.store.document(d.id) is not None}
    report = await run_in_threadpool(state.ingest_items, items)
    if known and all(d.id in before for d in known):
        response.status_code = 200  # all stored before: nothing new
    posted = [_posted(state.store, d.id, present=d.id in before) for d in known]
    if single:
        return posted[0]
    return {"items": posted, "added": report.added, "present": report.present, "failed": report.failed}


def _json_kind(body: bytes) -> type:
    """dict or list; 400 for a body that is not JSON, 422 for JSON that holds no document objects."""
    try:
        value = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(400, f"body is not UTF-8 JSON: {exc}") from None
    if not isinstance(value, (dict, list)):
        raise HTTPException(422, "JSON body must be a document object or a list of them")
    return type(value)


def _authorize(request: Request, token: str) -> None:
    if not token:
        raise HTTPException(401, "writes are disabled: set serve.token or NEWSLOOM_TOKEN on the server",
                            headers={"WWW-Authenticate": "Bearer"})
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or bad bearer token", headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int, slack: int) -> bytes:
    """The body, refusing one over the limit before reading it all (413)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + slack:
        raise HTTPException(413, f"body of {int(declared)} bytes is over the {limit} byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit + slack:
            raise HTTPException(413, f"body is over the {limit} byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_form(request: Request, limit: int) -> Any:
    """The multipart/urlencoded form, refusing bodies over the limit before parsing (413)."""
    body = await _read_body(request, limit, _FORM_SLACK)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, replay).form(max_files=1, max_fields=20, max_part_size=limit)
    except Exception as exc:  # malformed multipart: the client's fault
        raise HTTPException(400, f"cannot parse form: {exc}") from None
async def _document_from_form(form: Any, state: Any) -> Document:
    meta = _form_meta(form)
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        data = await upload.read()
        if len(data) > state.max_upload:
            raise HTTPException(413, f"file is over the {state.max_upload} byte limit")
        name = upload.filename or "upload"
        media = SUFFIXES.get(PurePath(name).suffix.lower()) or _media_from_type(upload.content_type or "")
        if media in ("application/json", "application/jsonl"):
            raise HTTPException(422, f"send JSON document objects as an application/json or {JSONL} body, not as a file")
        return given_document(data, media_type=media, source=f"upload:{name}", meta=meta)
    for field, media in (("html", "text/html"), ("text", "text/plain")):
        value = form.get(field)
        if isinstance(value, str) and value.strip():
            data = value.encode("utf-8")
            if len(data) > state.max_upload:
                raise HTTPException(413, f"{field} is over the {state.max_upload} byte limit")
            return given_document(data, media_type=media, meta=meta, fallback=f"api:{field}")
    url = form.get("url")
    if isinstance(url, str) and url.strip():
        from ..sources.urls import fetch_url

        try:
            doc = await run_in_threadpool(fetch_url, url.strip(), state.settings, max_bytes=state.max_upload)
        except IngestError as exc:
            raise HTTPException(422, f"cannot fetch {url.strip()}: {exc.reason}") from None
        doc.meta.update(meta)
        return doc
    raise HTTPException(422, "nothing to ingest: give a file, text, html or url field")


def _form_meta(form: Any) -> dict[str, Any]:
    """Metadata fields of the form, checked like a JSON document object's (422 names the field)."""
    from ..sources.objects import validate

    given = {k: form[k] for k in ("title", "published", "outlet") if isinstance(form.get(k), str) and form[k]}
    if isinstance(form.get("source_url"), str) and form["source_url"]:
        given["url"] = form["source_url"]
    fields, problems, _ = validate(given)
    if fields is None:
        raise HTTPException(422, "; ".join(problems))
    return {k: v for k in ("title", "published", "outlet", "url") if (v := getattr(fields, k))}


def _media_from_type(content_type: str) -> str:
    return "text/html" if "html" in content_type else "text/plain"
