"""``python -m hyspec_qgis.site``: the ``hyspec:site`` job without QGIS (arguments -> one core call -> exit code).

    python -m hyspec_qgis.site TILES... --out OUTPUT_FOLDER [--chain kmeans|unmixing] [--workers 2]
                               [--scheduler tcp://host:8786] [--sample-size 200000] [--seed 0] [chain parameters]

Exit status: 0 when every tile is done, 1 when some tiles failed (they are named; the others are done), 2 on an
error that stops the whole run (bad parameters, no readable tile), 130 when interrupted.
"""
from __future__ import annotations

import argparse
import sys

from .core.errors import Cancelled, HyspecError
from .core.site import CHAINS, DEFAULT_SAMPLE_SIZE, DEFAULT_WORKERS, ChainParams, run_site

_DEFAULTS = ChainParams()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m hyspec_qgis.site", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", help="NEON .h5 tiles, imported rasters, or folders of .h5 tiles")
    p.add_argument("--out", required=True, help="OUTPUT_FOLDER: per-tile rasters, mosaics, model, report")
    p.add_argument("--chain", choices=CHAINS, default="kmeans")
    p.add_argument("--sample-size", type=int, default=DEFAULT_SAMPLE_SIZE,
                   help=f"pixels of the site-wide fit sample (default {DEFAULT_SAMPLE_SIZE})")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                   help=f"local Dask worker processes (default {DEFAULT_WORKERS}; 0 = serial, in this process)")
    p.add_argument("--scheduler", default="", help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    g = p.add_argument_group("kmeans chain")
    g.add_argument("--clusters", type=int, default=_DEFAULTS.clusters)
    g.add_argument("--max-iter", type=int, default=_DEFAULTS.max_iter)
    g.add_argument("--variance-fraction", type=float, default=_DEFAULTS.variance_fraction)
    g = p.add_argument_group("unmixing chain")
    g.add_argument("--endmembers", type=int, default=_DEFAULTS.endmembers, help="ENDMEMBERS_COUNT")
    g.add_argument("--sid-select", default=_DEFAULTS.sid_select)
    g.add_argument("--sid-thresholds", default=_DEFAULTS.sid_thresholds)
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    params = ChainParams(args.chain, args.clusters, args.max_iter, args.variance_fraction, args.endmembers,
                         args.sid_select, args.sid_thresholds)

    def progress(fraction, message):
        if message and not args.quiet:
            print(message, flush=True)
        return True

    try:
        result = run_site(args.inputs, args.out, params, args.sample_size, args.seed, args.workers,
                          args.scheduler or None, progress)
    except HyspecError as exc:
        print(f"hyspec site: {exc}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        print("hyspec site: interrupted; complete tiles are kept, rerun to resume", file=sys.stderr)
        return 130
    print(f"hyspec site: {result.n_complete} tile(s) complete ({len(result.tiles_skipped)} from an earlier run), "
          f"{len(result.tiles_failed)} failed; mosaic {result.mosaic}; report {result.report}")
    for name, reason in result.tiles_failed.items():
        print(f"hyspec site: FAILED {name}: {reason}", file=sys.stderr)
    return 1 if result.tiles_failed else 0


if __name__ == "__main__":
    sys.exit(main())
