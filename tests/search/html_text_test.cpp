// HTML to text for indexing: tags, dropped elements, character references, white space, and text that only
// looks like HTML.
#include "search/html_text.h"

#include <gtest/gtest.h>

namespace gongkai::search {
namespace {

TEST(SearchHtmlTextTest, Table) {
  const struct {
    const char* html;
    const char* text;
  } cases[] = {
      {"plain text", "plain text"},
      {"<p>第一段</p><p>第二段</p>", "第一段\n第二段"},
      {"<b>公</b>开", "公开"},  // inline tags do not split words
      {"<P CLASS=\"x\">大写</P>", "大写"},
      {"a<br/>b<br>c", "a\nb\nc"},
      {"前<script>alert('<p>')</script>后", "前\n后"},  // script content is dropped
      {"<style>p{color:red}</style>正文", "正文"},
      {"<!-- 注释 -->正文<!-- 未结束", "正文"},
      {"&lt;script&gt; &amp; &quot;引号&quot;", "<script> & \"引号\""},
      {"&#20844;&#x5F00;", "公开"},
      {"a&nbsp;&nbsp;b", "a b"},
      {"&unknown; &#xZZ; & alone", "&unknown; &#xZZ; & alone"},
      {"&#0;x", "x"},  // NUL is never produced
      {"a < b and c > d", "a < b and c > d"},
      {"<foo>不是标签</foo>", "<foo>不是标签</foo>"},
      {"<a href=\"x>y\">链接</a>", "链接"},  // '>' inside a quoted attribute
      {"<p>未闭合的标签", "未闭合的标签"},
      {"<p", "<p"},
      {"  多个   空格\n\n\n换行  ", "多个 空格\n换行"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(html_to_text(c.html), c.text) << c.html;
}

}  // namespace
}  // namespace gongkai::search
