// Reads an HTML page (any CMS layout) into a Document with gumbo: text in reading order, data tables as grids.
#pragma once

#include <string_view>

#include "report/document.h"

namespace gongkai::report {

// Parses UTF-8 `html`. Every innermost <table> (one with no <table> inside) of at least two rows becomes a Grid with
// its rowspan/colspan expanded; layout tables around them are read as text. <script>, <style> and <head> (except
// <title>) are skipped; block elements and <br> end paragraphs. Fails with kInvalid when the page nests elements
// deeper than kMaxNesting or a table exceeds the grid limits.
Result<Document> read_html(std::string_view html);

}  // namespace gongkai::report
