#!/bin/sh
# compare-print.sh OLD NEW [DPI]: print the 18 example forms (each its own
# PDF), the binder and the grouped duplex binder with signatures of
# examples/jiangyin-2024.json with two jixiao binaries, and compare every
# page as an image (pdftoppm, DPI 80 unless given, pixel for pixel) and as
# text (pdftotext -layout). Prints one line per file; exits 1 on any
# difference. Run from the repository root:
#
#	go build -o /tmp/jixiao-new ./cmd/jixiao
#	sh render/testdata/compare-print.sh /tmp/jixiao-base /tmp/jixiao-new
set -eu
old=$1 new=$2 dpi=${3:-80}
book=examples/jiangyin-2024.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in old new; do
	bin=$old
	[ $v = new ] && bin=$new
	mkdir -p "$tmp/$v/forms"
	"$bin" -q render "$book" --out-dir "$tmp/$v/forms"
	"$bin" -q binder "$book" -o "$tmp/$v/binder.pdf"
	"$bin" -q binder "$book" --group-by unit --duplex --signature -o "$tmp/$v/binder-grouped-duplex.pdf"
done
status=0 files=0 pages=0
for f in $(cd "$tmp/old" && find . -name '*.pdf' | sort); do
	files=$((files + 1))
	if [ ! -f "$tmp/new/$f" ]; then
		echo "$f: missing in the new output"; status=1; continue
	fi
	for v in old new; do
		mkdir -p "$tmp/png-$v/$f"
		pdftoppm -r "$dpi" -png "$tmp/$v/$f" "$tmp/png-$v/$f/p"
		pdftotext -layout "$tmp/$v/$f" "$tmp/$v/$f.txt"
	done
	n=$(ls "$tmp/png-old/$f" | wc -l)
	pages=$((pages + n))
	if [ "$n" != "$(ls "$tmp/png-new/$f" | wc -l)" ]; then
		echo "$f: page count differs"; status=1; continue
	fi
	diffs=0
	for p in $(ls "$tmp/png-old/$f"); do
		# PNG bytes of the same pixels from the same pdftoppm are equal.
		cmp -s "$tmp/png-old/$f/$p" "$tmp/png-new/$f/$p" || { echo "$f: $p differs"; diffs=$((diffs + 1)); }
	done
	if ! cmp -s "$tmp/old/$f.txt" "$tmp/new/$f.txt"; then
		echo "$f: pdftotext -layout differs"; diffs=$((diffs + 1))
	fi
	[ $diffs = 0 ] && echo "$f: $n pages identical" || status=1
done
echo "$files files, $pages pages compared at $dpi dpi: $([ $status = 0 ] && echo identical || echo DIFFERENT)"
exit $status
