# hyspec_qgis: `make demo` runs the main job on the bundled sample, `make test` runs everything CI runs.
SHELL := /bin/bash
PY := .venv/bin/python
export QT_QPA_PLATFORM := offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
VERSION := $(shell sed -n 's/^version=//p' hyspec_qgis/metadata.txt)

.PHONY: setup test lint demo bench package i18n models batch clean
CHAIN ?= kmeans
JOBS ?= 1

setup:
	@bash scripts/setup.sh

lint: setup
	$(PY) -m ruff check .

test: setup lint
	$(PY) -m pytest -q tests

demo: setup
	$(PY) scripts/demo.py demo-output

bench: setup
	$(PY) benchmarks/run.py

package: setup
	bash scripts/package.sh $(VERSION)

i18n: setup
	$(PY) scripts/i18n.py

models: setup
	$(PY) scripts/build_models.py

# Headless batch over a folder of NEON tiles: make batch CHAIN=kmeans|unmixing TILES=dir OUT=dir [JOBS=2]
batch: setup
	$(PY) scripts/batch.py $(CHAIN) "$(TILES)" "$(OUT)" --jobs $(JOBS)

clean:
	rm -rf demo-output dist .qgis-profile .qgis-settings .pytest_cache
