#!/usr/bin/env bash
# plot.sh: draw the per-benchmark time change between two Google Benchmark
# JSON files as a bar chart (gnuplot), in the format OUT's extension names:
# .svg, .png or .pdf.
#
#   bench/plot.sh BASE.json HEAD.json OUT.svg|OUT.png|OUT.pdf [--filter RE] [--top N] [--threshold PCT]
#
# One horizontal bar per benchmark: median time change in percent (head vs
# base; right = slower). Red beyond +threshold, green beyond -threshold,
# grey within. The whisker spans fastest-head-vs-slowest-base to
# slowest-head-vs-fastest-base, so a bar whose whisker crosses 0 is noise.
# With more than --top benchmarks (default 60) only the largest changes are
# drawn; the title says how many of how many.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3
die() { echo "plot.sh: $*" >&2; exit 2; }
[[ $# -ge 3 ]] || die "usage: plot.sh BASE.json HEAD.json OUT.svg|OUT.png|OUT.pdf [--filter RE] [--top N] [--threshold PCT]"
base=$1 head=$2 outfile=$3; shift 3
filter=. top=60 threshold=10
while [[ $# -gt 0 ]]; do
  case $1 in
    --filter) filter=${2:?}; shift 2 ;;
    --top) top=${2:?}; shift 2 ;;
    --threshold) threshold=${2:?}; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ -f $base ]] || die "no such file: $base"
[[ -f $head ]] || die "no such file: $head"
command -v gnuplot >/dev/null || die "gnuplot is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/camsim-plot.XXXXXX")
trap 'rm -rf "$work"' EXIT
read -r shown total namelen < <("$py" "$here/benchjson.py" plotdata "$base" "$head" "$work/data" "$top" "$filter")
[[ $shown -gt 0 ]] || die "no benchmark appears in both files (filter '$filter')"

height=$((160 + 18 * shown))
case ${outfile##*.} in
  svg) terminal="svg size 1200,$height dynamic enhanced font \"sans,11\" background \"white\"" ;;
  png) terminal="pngcairo size 1200,$height enhanced font \"sans,10\" background \"white\"" ;;
  pdf) terminal="pdfcairo size 12in,$((height / 100 + 1))in enhanced font \"sans,10\"" ;;
  *) die "OUT must end in .svg, .png or .pdf: $outfile" ;;
esac
title="camsim: time change, head vs base (median; whisker = min/max spread)"
[[ $shown -lt $total ]] && title="$title; the $shown largest of $total"
gnuplot <<GP
set terminal $terminal
set output "$outfile"
set title "$title" noenhanced
set xlabel "time change (%): right is slower"
set ytics nomirror noenhanced font "monospace,10"
set yrange [-1:$shown]
set grid xtics
set key off
set style fill solid 0.8 noborder
set lmargin $((namelen * 7 / 8 + 3))
set offsets graph 0.1, graph 0.1, 0, 0
set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb "black"
set arrow from $threshold, graph 0 to $threshold, graph 1 nohead dt 2 lc rgb "#c0392b"
set arrow from -$threshold, graph 0 to -$threshold, graph 1 nohead dt 2 lc rgb "#27ae60"
color(c) = c > $threshold ? 0xc0392b : (c < -$threshold ? 0x27ae60 : 0x95a5a6)
plot "$work/data" using (\$2/2):1:(abs(\$2/2)):(0.35):(color(\$2)):ytic(5) with boxxyerrorbars lc rgb variable, \
     "" using 2:1:3:4 with xerrorbars pt 7 ps 0.3 lc rgb "black", \
     "" using (\$2 >= 0 ? \$4 : 1/0):1:(sprintf("%+.1f%%", \$2)) with labels left font "sans,9" offset 0.5,0, \
     "" using (\$2 < 0 ? \$3 : 1/0):1:(sprintf("%+.1f%%", \$2)) with labels right font "sans,9" offset -0.5,0
GP
echo "plot.sh: wrote $outfile ($shown of $total benchmarks)" >&2
