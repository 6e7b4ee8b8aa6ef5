# cchc-extract — see README.md. Every target sets up .venv first (pinned versions, from PyPI).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
CORPUS  ?= corpus
OUT     ?= outputs
WORKERS ?= 2

.PHONY: setup system-deps extract test score bench review corpus notebooks export clean realdev realdev-render realfiles

setup: $(STAMP)

$(STAMP): pyproject.toml setup.py extract/readers/_glyphs.c
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Optional programs from Debian: Tesseract + Vietnamese data (scanned pages), LibreOffice (Word 97 .doc),
# headless Chromium + its driver (the review page's browser test).
system-deps:
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui fonts-liberation2 \
	  chromium chromium-driver

extract: setup
	$(BIN)/python -m extract $(CORPUS) -o $(OUT) -j $(WORKERS)

test: setup
	$(BIN)/python -m pytest

score: setup
	$(BIN)/python $(SHARED)/eval/score.py --outputs $(OUT) --gold $(SHARED)/gold --details

# Speed and memory ratios in one run (scripts/bench.py; about 15 minutes on 2 cores). BENCH_SIZES=200 for a quick run.
BENCH_SIZES ?= 200,2000
bench: setup
	$(BIN)/python scripts/bench.py --corpus $(CORPUS) --bad $(SHARED)/corpus-bad --sizes $(BENCH_SIZES) --workers $(WORKERS)

review: setup
	$(BIN)/python -m extract.review $(OUT) -o review --root $(CORPUS)

# Rebuild corpus/ from ../shared/seeds (needs LibreOffice from Debian; output is committed).
corpus: setup
	command -v soffice >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-liberation2)
	$(BIN)/python scripts/build_corpus.py --seeds $(SHARED)/seeds --out $(CORPUS)

# The real development set (../shared/realdev): every rendering scored, P/R/F1 per table.
realdev: setup
	$(BIN)/python scripts/heldout.py realdev --full

# Re-render tests/realdev/rendered/{table,flat} from ../shared/realdev/docs (needs LibreOffice; output is committed).
realdev-render: setup
	$(BIN)/python scripts/render_realdev.py -j $(WORKERS)

# The real published files (../shared/realfiles): header fields against header_gold.jsonl (OCR: slow).
realfiles: setup
	$(BIN)/python scripts/realfiles.py -j $(WORKERS)

notebooks: extract
	$(BIN)/python scripts/run_notebooks.py notebooks --outputs $(OUT) --out build/notebooks

export: setup
	$(BIN)/python -m extract.export $(OUT)

clean:
	rm -rf $(OUT) review build .pytest_cache
