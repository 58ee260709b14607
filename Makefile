.PHONY: site spec test format
site spec:
	bash scripts/build.sh
test:
	bash scripts/test.sh
format:
	swift format --in-place --recursive Package.swift Sources Tests
