# Two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv and installs what it needs; both are idempotent.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.tdkt-installed
SYSSTAMP := $(VENV)/.tdkt-system

.PHONY: run test install system train eval bench fuzz clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian tools the readers and tests use: LibreOffice (.doc/.odt/.rtf), Tesseract (scanned PDF),
# Chromium (browser tests), PostgreSQL (archive on PostgreSQL). Skipped when already present.
$(SYSSTAMP): scripts/install-system-deps.sh | $(PY)
	bash scripts/install-system-deps.sh
	touch $(SYSSTAMP)

system: $(SYSSTAMP)

run: install system
	$(VENV)/bin/tdkt serve --host 127.0.0.1 --port 8000 --import-corpus

test: install system
	TDKT_REQUIRE_TOOLS=1 $(VENV)/bin/python -m pytest

train: install
	$(VENV)/bin/python -m models.train

eval: install
	$(VENV)/bin/tdkt eval --split test

bench: install
	$(VENV)/bin/tdkt bench

# The long fuzz run (issue 14): 10,000 hostile inputs, half through `tdkt extract`, half through
# the API of a service on loopback; prints the figures the README keeps (about 45 min on 2 cores).
fuzz: install system
	$(PY) -m evaluation.fuzz --inputs 10000

clean:
	rm -rf $(VENV) data/tdkt.db
