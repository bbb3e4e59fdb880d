# gongkai — the two commands of the README, and a few for developers.
#   make demo   install what is missing, build, create the demo county in ./gongkai-data, show it
#   make test   install what is missing, build, run every test (SQLite and a throw-away PostgreSQL)

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
GONGKAI := $(BUILD_DIR)/gongkai
DATA_DIR ?= ./gongkai-data

.PHONY: all deps build test demo clean bench format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	scripts/test-postgres.sh run -- ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(GONGKAI) $(DATA_DIR)

bench: build
	bench/run.sh $(GONGKAI)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR)
