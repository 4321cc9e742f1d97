"""Minimal SCORM 1.2 and 2004 packages built in memory.

The official sample packages are not available offline, so these stand in for
what authoring tools export: an `imsmanifest.xml` that names a launch file, and
an `index.html` whose inline script finds the runtime in a parent window
(`API` or `API_1484_11`) and calls it as real packages do. The page shows what
the runtime gave it (entry, suspend data, location) and has two buttons: one
saves progress half-way, one reports completion (passed, score 90) and ends
the session.
"""

import io
import stat
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="prova" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item1" identifierref="res1"><title>Lezione</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco"
      href="{launch}"><file href="{launch}"/></resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="prova" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item1" identifierref="res1"><title>Lezione</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormType="sco"
      href="{launch}"><file href="{launch}"/></resource>
  </resources>
</manifest>
"""

# The calls of each version: (API object, initialise, get, set, commit, finish,
# the elements for entry, suspend data, location, and completion).
CALLS = {
    "1.2": {
        "api": "API",
        "init": "LMSInitialize",
        "get": "LMSGetValue",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "finish": "LMSFinish",
        "entry": "cmi.core.entry",
        "location": "cmi.core.lesson_location",
        "done": [
            ["cmi.core.score.raw", "90"],
            ["cmi.core.lesson_status", "passed"],
            ["cmi.core.exit", ""],
        ],
        "start": [["cmi.core.lesson_status", "incomplete"]],
        "suspend": [["cmi.core.exit", "suspend"]],
    },
    "2004": {
        "api": "API_1484_11",
        "init": "Initialize",
        "get": "GetValue",
        "set": "SetValue",
        "commit": "Commit",
        "finish": "Terminate",
        "entry": "cmi.entry",
        "location": "cmi.location",
        "done": [
            ["cmi.score.scaled", "0.9"],
            ["cmi.score.raw", "90"],
            ["cmi.completion_status", "completed"],
            ["cmi.success_status", "passed"],
            ["cmi.exit", "normal"],
        ],
        "start": [["cmi.completion_status", "incomplete"]],
        "suspend": [["cmi.exit", "suspend"]],
    },
}

INDEX = """<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<h1>{title}</h1>
<p id="entry"></p>
<p id="suspend"></p>
<p id="location"></p>
<p id="state"></p>
<button type="button" id="half">Salva a metà</button>
<button type="button" id="done">Completa il corso</button>
<script>
  var calls = {calls};
  function findAPI(win) {{
    var tries = 0;
    while (!win[calls.api] && win.parent && win.parent !== win && tries < 7) {{
      win = win.parent;
      tries += 1;
    }}
    return win[calls.api];
  }}
  var api = findAPI(window);
  function set(pairs) {{
    pairs.forEach(function (pair) {{ api[calls.set](pair[0], pair[1]); }});
  }}
  function show(id, text) {{ document.getElementById(id).textContent = text; }}
  api[calls.init]("");
  show("entry", "Ingresso: " + api[calls.get](calls.entry));
  show("suspend", "Dati salvati: " + api[calls.get]("cmi.suspend_data"));
  show("location", "Posizione: " + api[calls.get](calls.location));
  set(calls.start);
  document.getElementById("half").addEventListener("click", function () {{
    api[calls.set]("cmi.suspend_data", "pagina=3;risposte=a,b");
    api[calls.set](calls.location, "pagina-3");
    set(calls.suspend);
    var ok = api[calls.commit]("");
    show("state", ok === "true" ? "Avanzamento salvato" : "Errore");
  }});
  document.getElementById("done").addEventListener("click", function () {{
    set(calls.done);
    var ok = api[calls.commit]("");
    api[calls.finish]("");
    show("state", ok === "true" ? "Corso completato" : "Errore");
  }});
</script>
</body></html>
"""


def package_bytes(
    version="1.2",
    *,
    title="Accoglienza del cliente",
    launch="index.html",
    files=None,
    manifest=None,
    symlinks=(),
) -> bytes:
    """A zip: the manifest, the launch page (unless `files` says otherwise)
    and any extra `files` {name: bytes}; `symlinks` are names stored as
    symbolic links."""
    import json

    if manifest is None:
        template = MANIFEST_12 if version == "1.2" else MANIFEST_2004
        manifest = template.format(title=title, launch=launch)
    contents = {"imsmanifest.xml": manifest.encode()}
    contents[launch.split("?")[0]] = INDEX.format(
        title=title, calls=json.dumps(CALLS[version])
    ).encode()
    contents.update(files or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            if data is None:
                continue
            archive.writestr(name, data)
        for name in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def package_upload(version="1.2", name="corso.zip", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, package_bytes(version, **kwargs), content_type="application/zip"
    )


def make_package(version="1.2", *, user=None, **kwargs):
    from scorm.services import package_create

    return package_create(
        title=kwargs.pop("title", "Accoglienza del cliente"),
        upload=package_upload(version, **kwargs),
        user=user,
    )


def scorm_block(package, completion="completed", title="Corso interattivo") -> dict:
    return {"title": title, "package": package.pk, "completion": completion}
