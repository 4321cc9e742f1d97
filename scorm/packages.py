"""What makes an uploaded zip a SCORM package we accept: the pure checks.

A package is a zip with `imsmanifest.xml` at its root (SCORM 1.2 or 2004). Its
files are later served from our own origin, inside the module page, so nothing
in it may escape its folder: no `..`, no absolute paths, no symbolic links. Its
size and number of files are bounded, and the manifest must name a launch file
the zip contains. Each refusal is a message a trainer can act on.

Nothing here touches the database or the storage: `scorm.services` does.
"""

import posixpath
import stat
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MANIFEST = "imsmanifest.xml"
SCORM_12 = "1.2"
SCORM_2004 = "2004"

ERROR_NOT_ZIP = _(
    "Il file non è un archivio ZIP valido: carica il pacchetto SCORM così come "
    "lo esporta lo strumento di authoring (.zip)."
)
ERROR_TOO_LARGE = _("Il pacchetto è troppo grande: il massimo è %(limit)s.")
ERROR_TOO_LARGE_UNPACKED = _(
    "Il pacchetto, una volta estratto, supera il massimo di %(limit)s."
)
ERROR_TOO_MANY_FILES = _(
    "Il pacchetto contiene %(count)s file: il massimo è %(limit)s."
)
ERROR_UNSAFE_PATH = _(
    "Il pacchetto contiene un percorso non ammesso: «%(name)s». Sono accettati "
    "solo file dentro la cartella del pacchetto (niente «..», percorsi assoluti "
    "o collegamenti simbolici)."
)
ERROR_NO_MANIFEST = _(
    "Nel pacchetto manca il file imsmanifest.xml nella cartella principale: non "
    "è un pacchetto SCORM."
)
ERROR_BAD_MANIFEST = _(
    "Il file imsmanifest.xml non è un XML valido: controlla l'esportazione del "
    "pacchetto."
)
ERROR_UNKNOWN_VERSION = _(
    "Il manifest non indica una versione SCORM supportata: sono accettati SCORM "
    "1.2 e SCORM 2004."
)
ERROR_NO_LAUNCH = _(
    "Il manifest non indica il file da aprire (una risorsa SCO con «href»)."
)
ERROR_LAUNCH_MISSING = _(
    "Il file da aprire indicato dal manifest, «%(name)s», non è nel pacchetto."
)


@dataclass(frozen=True)
class PackageInfo:
    version: str  # SCORM_12 or SCORM_2004
    title: str
    launch: str  # the launch file's path inside the package, with its query
    members: list[zipfile.ZipInfo]  # the files to extract (no folders)
    size: int  # bytes, extracted


def _unsafe(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if len(name) > 1 and name[1] == ":":  # a Windows drive: C:foo
        return True
    if any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        return True
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _attribute(element: Element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value
    return ""


def _version(root: Element) -> str | None:
    for metadata in _children(root, "metadata"):
        for child in _children(metadata, "schemaversion"):
            text = (child.text or "").strip().lower()
            if text == "1.2":
                return SCORM_12
            if "2004" in text or text == "cam 1.3":
                return SCORM_2004
    # Some tools leave the metadata out: the ADL namespace still says it.
    namespaces = " ".join(
        [root.tag, *(key for element in root.iter() for key in element.attrib)]
    )
    if "adlcp_rootv1p2" in namespaces:
        return SCORM_12
    if "adlcp_v1p3" in namespaces or "adlcp_rootv1p3" in namespaces:
        return SCORM_2004
    return None


def _launch(root: Element) -> tuple[str, str]:
    """The launch href and the title: the default organisation's first item
    that points to a resource with an href, else the first SCO resource."""
    resources = {}
    first_sco = ""
    for group in _children(root, "resources"):
        base = _attribute(group, "base")
        for resource in _children(group, "resource"):
            href = _attribute(resource, "href")
            if not href:
                continue
            href = posixpath.join(base, _attribute(resource, "base"), href)
            resources[_attribute(resource, "identifier")] = href
            if not first_sco and _attribute(resource, "scormtype").lower() == "sco":
                first_sco = href
    title = ""
    for organizations in _children(root, "organizations"):
        organisations = _children(organizations, "organization")
        default = _attribute(organizations, "default")
        organisations.sort(key=lambda o: _attribute(o, "identifier") != default)
        for organisation in organisations:
            title = title or "".join(
                (t.text or "").strip() for t in _children(organisation, "title")
            )
            for item in organisation.iter():
                if _local(item.tag) != "item":
                    continue
                href = resources.get(_attribute(item, "identifierref"))
                if href:
                    parameters = _attribute(item, "parameters")
                    return href + parameters, title
    return first_sco, title


def inspect_package(
    uploaded, *, max_size: int, max_unpacked: int, max_files: int
) -> PackageInfo:
    """Read the uploaded zip and return what to extract and launch, or raise
    ValidationError with the first problem found."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_size:
        raise ValidationError(
            ERROR_TOO_LARGE, params={"limit": filesizeformat(max_size)}
        )
    uploaded.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ValidationError(ERROR_NOT_ZIP) from None
    for info in infos:
        if _unsafe(info):
            raise ValidationError(ERROR_UNSAFE_PATH, params={"name": info.filename})
    members = [info for info in infos if not info.is_dir()]
    if len(members) > max_files:
        raise ValidationError(
            ERROR_TOO_MANY_FILES, params={"count": len(members), "limit": max_files}
        )
    unpacked = sum(info.file_size for info in members)
    if unpacked > max_unpacked:
        raise ValidationError(
            ERROR_TOO_LARGE_UNPACKED, params={"limit": filesizeformat(max_unpacked)}
        )
    names = {info.filename for info in members}
    if MANIFEST not in names:
        raise ValidationError(ERROR_NO_MANIFEST)
    try:
        with archive.open(MANIFEST) as handle:
            root = ElementTree.fromstring(handle.read(5 * 1024 * 1024))
    except (ElementTree.ParseError, DefusedXmlException, zipfile.BadZipFile):
        raise ValidationError(ERROR_BAD_MANIFEST) from None
    version = _version(root)
    if version is None:
        raise ValidationError(ERROR_UNKNOWN_VERSION)
    launch, title = _launch(root)
    if not launch:
        raise ValidationError(ERROR_NO_LAUNCH)
    launch_file = posixpath.normpath(launch.split("?", 1)[0].split("#", 1)[0])
    if launch_file.startswith("../") or launch_file not in names:
        raise ValidationError(ERROR_LAUNCH_MISSING, params={"name": launch_file})
    launch = launch_file + launch[len(launch.split("?", 1)[0].split("#", 1)[0]) :]
    return PackageInfo(
        version=version,
        title=title[:255],
        launch=launch,
        members=members,
        size=unpacked,
    )
