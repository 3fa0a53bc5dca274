#!/bin/sh
# Real LaTeX (Debian's TeX Live, in an image built here) through the shims:
# a document with a bibliography becomes a valid PDF owned by the caller.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../real.sh"

test_case 'latex: latexmk runs pdflatex and bibtex into a PDF with its bibliography' '
	need_engine
	real_catalog latex
	as_user_setup
	mkdir paper && cd paper && touch .toolbox
	cat >paper.tex <<-EOT
	\documentclass{article}
	\title{Containers and Shims}
	\author{Tess Tbx}
	\begin{document}
	\maketitle
	Literate programming was described by Knuth~\cite{knuth84}.
	\bibliographystyle{plain}
	\bibliography{refs}
	\end{document}
	EOT
	cat >refs.bib <<-EOT
	@article{knuth84,
	  author  = {Donald E. Knuth},
	  title   = {Literate Programming},
	  journal = {The Computer Journal},
	  volume  = {27},
	  number  = {2},
	  pages   = {97--111},
	  year    = {1984}
	}
	EOT
	chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/latexmk" -pdf -interaction=nonstopmode paper.tex >"$T/latexmk.log" 2>&1 ||
		{ tail -30 "$T/latexmk.log" >&2; false; }
	check_match "*Pages: *1*" "$(pdfinfo paper.pdf)"
	pdftotext paper.pdf - >"$T/text"
	grep -q "Containers and Shims" "$T/text" || { cat "$T/text" >&2; false; }
	grep -qi "Literate programming" "$T/text"
	grep -q "\[1\]" "$T/text"
	check_eq "$REAL_UID" "$(stat -c %u paper.pdf)"
	check_eq "$REAL_UID" "$(stat -c %u paper.bbl)"
'

test_case 'latex: pdflatex alone, and kpsewhich finds the classes' '
	need_engine
	real_catalog latex
	as_user_setup
	mkdir doc && cd doc && touch .toolbox
	printf "\\\\documentclass{article}\\\\begin{document}Hello\\\\end{document}\n" >d.tex
	chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/pdflatex" -interaction=nonstopmode d.tex >/dev/null
	check_match "*Pages: *1*" "$(pdfinfo d.pdf)"
	check_match "*/article.cls" "$(as_user "$SHIMS/kpsewhich" article.cls)"
'
test_done
