"""hyspec:downloadneon - NEON AOP tiles (reflectance, canopy height, camera) for an area, from the NEON Data API."""
from __future__ import annotations

import os

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

from ..core.defaults import NEON_API_URL as DEFAULT_API_URL
from ..core.defaults import NEON_PRODUCTS as PRODUCTS
from ..core.defaults import NEON_REFLECTANCE as REFLECTANCE
from ..core.errors import Cancelled
from ..i18n.translator import tr
from .base import HyspecAlgorithm
from .neon_area import GeometryArea, area_geometries
from .params import enum_param, enum_value

TOKEN_ENV = "NEON_API_TOKEN"
HIDDEN = "********"  # what logs, the history and saved batches show instead of a token
PRODUCT_OPTIONS = [REFLECTANCE, *PRODUCTS]


class SecretStringParameter(QgsProcessingParameterString):
    """A string parameter whose value QGIS never writes out: the run log ("Input parameters"), the Processing history
    and saved batch files get ``'********'`` (QGIS builds all three from these methods)."""

    def _hidden(self, value):
        return isinstance(value, str) and value.strip() != ""

    def valueAsPythonString(self, value, context):  # noqa: N802 - QGIS's name
        return repr(HIDDEN) if self._hidden(value) else super().valueAsPythonString(value, context)

    def valueAsString(self, value, context):  # noqa: N802 - QGIS >= 3.24
        return (HIDDEN, True) if self._hidden(value) else super().valueAsString(value, context)

    def valueAsJsonObject(self, value, context):  # noqa: N802 - QGIS >= 3.24
        return HIDDEN if self._hidden(value) else super().valueAsJsonObject(value, context)

    def clone(self):
        copy = SecretStringParameter(self.name(), self.description(), self.defaultValue(), self.multiLine(),
                                     bool(self.flags() & self.Flag.FlagOptional))
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy


def _field(name: str, kind: str) -> QgsField:
    """A field of kind str / int / int64: QMetaType from QGIS 3.38 on (QGIS 4 drops QVariant types), QVariant before."""
    if Qgis.QGIS_VERSION_INT >= 33800:
        types = {"str": QMetaType.Type.QString, "int": QMetaType.Type.Int, "int64": QMetaType.Type.LongLong}
    else:
        types = {"str": QVariant.String, "int": QVariant.Int, "int64": QVariant.LongLong}
    return QgsField(name, types[kind])


FOOTPRINT_FIELDS = (("file", "str"), ("path", "str"), ("product", "str"), ("site", "str"), ("month", "str"),
                    ("release", "str"), ("easting", "int"), ("northing", "int"), ("size", "int64"),
                    ("status", "str"))


class DownloadNeonAlgorithm(HyspecAlgorithm):
    ID = "downloadneon"
    DISPLAY = "Download NEON AOP tiles"
    GROUP = "Import"
    GROUP_ID = "import"
    RESUMABLE_FOLDER = "OUTPUT_FOLDER"
    INTRO = (
        "<p>Downloads the NEON AOP tiles (1 km x 1 km mosaic tiles of a site and year) that an area needs, from the "
        "NEON Data API: reflectance (the bidirectional DP3.30006.002 where the year has it, else DP3.30006.001), "
        "the canopy height model DP3.30015.001 or the RGB camera mosaic DP3.30010.001. Reflectance tiles then go "
        "to <i>Import NEON reflectance</i> (hyspec:importneon), <i>Clean bands</i> and the rest of the toolbox.</p>"
        "<p><b>Which tiles</b>: every tile that meets the area grown by BUFFER, inner tiles included (not only the "
        "tiles under the buffer's corners, as NEON's own by_tile_aop does), read from the file names "
        "(<code>..._&lt;easting&gt;_&lt;northing&gt;_...</code>, the lower-left corner on 1000 m boundaries of the "
        "site's UTM zone). A site, year or product without data gets a message listing what exists.</p>"
        "<p><b>Checked, resumable downloads</b>: the size of the whole download is logged first; each file arrives "
        "under a hidden name (<code>.&lt;name&gt;.&lt;checksum&gt;.resume</code>) and gets its final name only after "
        "its size and NEON's checksum (crc32c for AOP files, md5 where the API gives one) matched; a file that fails "
        "is deleted, downloaded once more, and reported. An interrupted or cancelled download resumes where it "
        "stopped (HTTP Range) in the next run into the same folder; files already there are checked, not trusted by "
        "name, and skipped. Rate limits (HTTP 429, Retry-After, X-RateLimit-*) and server errors (5xx) get a bounded "
        "number of retries with backoff; expired download URLs are asked again from the API.</p>"
        "<p><b>Token</b>: NEON's data endpoint needs an API token (since June 2026). Sign in at NEON's Data Portal "
        "(My Account; create an account if needed) and create a token in the API Token section. Give it as TOKEN or, "
        "better, in the environment variable NEON_API_TOKEN (QGIS: Settings, Options, System, Environment). hyspec "
        "sends it only to API_URL (never to the storage hosts files come from) and never writes it to a log, a file "
        "or an error message; QGIS's own run log and history show TOKEN as ********.</p>"
        "<p>Checksums use the <code>google-crc32c</code> package when the QGIS Python has it (hardware CRC32C, GB/s); "
        "without it a numpy implementation takes over, which is slower (about 80-100 MB/s: some 8 s more per 650 MB "
        "reflectance tile). Install it with the same command as other packages (e.g. "
        "<code>pip install google-crc32c</code> in the OSGeo4W Shell).</p>"
    )
    REFERENCE = (
        "NEON Data API documentation (data.neonscience.org/data-api: products, sites, data endpoints, rate limiting, "
        "API tokens). NEON Data Skills: 'Download and Explore NEON AOP Data with neonutilities' (by_tile_aop)."
    )

    PRODUCT, SITE, YEAR, AREA, BUFFER, TOKEN, API_URL = ("PRODUCT", "SITE", "YEAR", "AREA", "BUFFER", "TOKEN",
                                                         "API_URL")
    OUTPUT_FOLDER, FILES, FOOTPRINTS = "OUTPUT_FOLDER", "FILES", "FOOTPRINTS"
    FILE, COUNT, PRODUCT_CODE = "FILE", "COUNT", "PRODUCT_CODE"

    def declare(self):
        self.add(enum_param(self.PRODUCT, tr("Product"), PRODUCT_OPTIONS),
                 tr("reflectance (default): the bidirectional reflectance DP3.30006.002 where the year has it, else "
                    "the directional DP3.30006.001; or one product: DP3.30006.001, DP3.30006.002, DP3.30015.001 "
                    "(canopy height model, GeoTIFF), DP3.30010.001 (RGB camera mosaic, GeoTIFF)."))
        self.add(QgsProcessingParameterString(self.SITE, tr("NEON site code")),
                 tr("The four-letter site code, e.g. SERC, HARV, SJER. Aquatic and some small sites are flown inside "
                    "a nearby terrestrial site's box and published under that site's code."))
        self.add(QgsProcessingParameterNumber(self.YEAR, tr("Year"), QgsProcessingParameterNumber.Type.Integer,
                                              minValue=2013, maxValue=2100),
                 tr("The flight year. Every month of that year with data is used (a tile published in two months: "
                    "the later one)."))
        self.add(QgsProcessingParameterExtent(self.AREA, tr("Area (extent or vector layer)")),
                 tr("An extent in any CRS (reprojected to the site's UTM zone), or a vector layer of plots, points or "
                    "polygons: each feature is grown by BUFFER on its own. In the dialog, 'Calculate from layer' "
                    "takes the layer's bounding box; give the layer itself (qgis_process: AREA=plots.gpkg; Python: "
                    "the layer) to use its features."))
        self.add(QgsProcessingParameterNumber(self.BUFFER, tr("Buffer (m)"), QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=0.0, minValue=0.0),
                 tr("Distance around the area, in metres: a tile is taken when it is nearer than this (0: when it "
                    "overlaps the area; a point takes the one tile that holds it)."))
        self.add(SecretStringParameter(self.TOKEN, tr("NEON API token"), optional=True),
                 tr("Your NEON API token; empty: the environment variable NEON_API_TOKEN. Never logged or written "
                    "anywhere (QGIS shows it as ********)."))
        self.add(QgsProcessingParameterString(self.API_URL, tr("NEON Data API URL"), defaultValue=DEFAULT_API_URL),
                 tr("Base URL of the NEON Data API (a mirror or a test server may be given here)."), advanced=True)
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Output folder")),
                 tr("Where the tiles are written under NEON's file names. Run again into the same folder to resume: "
                    "complete files are checked and skipped, partial ones resumed."))
        self.add(QgsProcessingParameterFileDestination(self.FILES, tr("List of downloaded files"),
                                                       fileFilter=tr("Text files (*.txt)"), optional=True,
                                                       createByDefault=True),
                 tr("A text file with the full path of every tile of the area, one per line (also those that were "
                    "already complete), e.g. for batch runs."))
        self.add(QgsProcessingParameterFeatureSink(self.FOOTPRINTS, tr("Tile footprints"),
                                                   QgsProcessing.SourceType.TypeVectorPolygon, optional=True,
                                                   createByDefault=True),
                 tr("One polygon per tile, its exact 1 km extent in the site's UTM CRS, with the file name, path, "
                    "product, month, release, lower-left easting / northing, size in bytes and status (downloaded or "
                    "complete)."))
        self.addOutput(QgsProcessingOutputFile(self.FILE, tr("First tile")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Number of tiles")))
        self.addOutput(QgsProcessingOutputString(self.PRODUCT_CODE, tr("Product downloaded")))

    def _input_paths(self, parameters, p, context):
        """AREA is an extent parameter, which the base does not read as a file: a vector file given there is an
        input all the same, so FOOTPRINTS or FILES can never replace it."""
        if p.name() != self.AREA:
            return super()._input_paths(parameters, p, context)
        direct = self._file_value(parameters, self.AREA)
        if direct:
            return [direct]
        value = parameters.get(self.AREA)
        return [value.source().split("|")[0]] if isinstance(value, QgsMapLayer) else []

    def output_source(self, parameters, context):
        """The footprints are named after the site and year ("SERC 2021 — tile footprints (DP3.30006.002)")."""
        site = (self.parameterAsString(parameters, self.SITE, context) or "").strip().upper()
        return f"{site} {self.parameterAsInt(parameters, self.YEAR, context)}" if site else None

    def _user_error(self, exc, feedback):
        if isinstance(exc, Cancelled):  # the base's "no output was written" is not the whole story here
            return QgsProcessingException(tr(
                "Cancelled by the user. Tiles already checked stay in OUTPUT_FOLDER, the one in transfer stays "
                "hidden (.resume) and the next run into the same folder resumes it; FILES and FOOTPRINTS were not "
                "written."))
        return super()._user_error(exc, feedback)

    def _token(self, parameters, context, feedback) -> str | None:
        typed = (self.parameterAsString(parameters, self.TOKEN, context) or "").strip()
        if typed == HIDDEN:  # a run re-started from QGIS's history or a saved batch: the token was never kept
            if not os.environ.get(TOKEN_ENV):
                raise QgsProcessingException(tr(
                    "TOKEN: QGIS keeps no token in its history or saved batches; type it again or set the "
                    "environment variable NEON_API_TOKEN"))
            typed = ""
        if typed:
            return typed
        from_env = (os.environ.get(TOKEN_ENV) or "").strip()
        if from_env:
            feedback.pushInfo(tr("Token from the environment variable NEON_API_TOKEN"))
        return from_env or None

    def process(self, parameters, context, feedback, progress):
        from ..core.neonapi import download_neon

        product = enum_value(self, parameters, self.PRODUCT, context, PRODUCT_OPTIONS)
        site = self.parameterAsString(parameters, self.SITE, context)
        year = self.parameterAsInt(parameters, self.YEAR, context)
        buffer = self.parameterAsDouble(parameters, self.BUFFER, context)
        api_url = (self.parameterAsString(parameters, self.API_URL, context) or "").strip() or DEFAULT_API_URL
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        if not folder:
            raise QgsProcessingException(tr("OUTPUT_FOLDER: no folder given"))
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise QgsProcessingException(tr("OUTPUT_FOLDER: {0} is a file, not a folder").format(folder))
        token = self._token(parameters, context, feedback)

        def area_for(epsg):
            return GeometryArea(area_geometries(self, parameters, self.AREA, context, epsg, feedback), buffer)

        report = download_neon(product, site, year, area_for, folder, token=token, api_url=api_url,
                               progress=progress)
        files_path = self.dest(self.FILES)
        if files_path:
            with open(files_path, "w", encoding="utf-8") as handle:
                handle.writelines(p + "\n" for p in report.paths)
        out = {self.OUTPUT_FOLDER: folder, self.FILES: files_path, self.FILE: report.paths[0],
               self.COUNT: len(report.tiles), self.PRODUCT_CODE: report.product}
        self.name_output(self.FOOTPRINTS, tr("tile footprints ({0})").format(report.product))
        footprints = self._footprints(parameters, context, report)
        if footprints is not None:
            out[self.FOOTPRINTS] = footprints
        return out

    def _footprints(self, parameters, context, report):
        fields = QgsFields()
        for name, kind in FOOTPRINT_FIELDS:
            fields.append(_field(name, kind))
        crs = QgsCoordinateReferenceSystem(f"EPSG:{report.epsg}")
        sink, sink_id = self.sink(parameters, self.FOOTPRINTS, context, fields, QgsWkbTypes.Type.Polygon, crs)
        if sink is None:
            return None
        for tile in report.tiles:
            f = tile.file
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(*tile.box)))
            feature.setAttributes([f.name, tile.path, f.product, f.site, f.month, f.release, f.origin[0], f.origin[1],
                                   f.size, tile.status])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        del sink  # closes the file before it is put in place
        return sink_id
