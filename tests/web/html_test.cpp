// Tests of escaping and the content sanitizer with hostile input.
#include "web/html.h"

#include <gtest/gtest.h>

namespace gongkai::web {
namespace {

TEST(HtmlTest, EscapesEverythingSpecial) {
  EXPECT_EQ(escape_html("<script>alert('x')&\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;");
}

TEST(HtmlTest, SanitizerTable) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"第一行\n第二行", "<p>第一行</p><p>第二行</p>"},
      {"a & b", "<p>a &amp; b</p>"},
      {"<p>正文</p>", "<p>正文</p>"},
      {"<p onclick=\"x()\">正文</p>", "<p>正文</p>"},
      {"<script>alert(1)</script><p>留下</p>", "<p>留下</p>"},
      {"<SCRIPT SRC=//evil></SCRIPT>留下", "留下"},
      {"<style>body{}</style>x", "x"},
      {"<a href=\"javascript:alert(1)\">链接</a>", "<a rel=\"noopener noreferrer\">链接</a>"},
      {"<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a rel=\"noopener noreferrer\">x</a>"},
      {"<a href=\"/items/1\">x</a>", "<a href=\"/items/1\" rel=\"noopener noreferrer\">x</a>"},
      {"<a href=\"//evil.example/\">x</a>", "<a rel=\"noopener noreferrer\">x</a>"},
      {"<img src=x onerror=alert(1)>", "<img src=\"x\">"},
      {"<img src=\"data:image/png;base64,AAA\">", "<img>"},
      {"<iframe src=\"https://evil\"></iframe>after", "after"},
      {"<!-- comment --><p>x</p>", "<p>x</p>"},
      {"<td colspan=\"2\" style=\"color:red\">c</td>", "<td colspan=\"2\">c</td>"},
      {"<p title='a\"b'>t</p>", "<p title=\"a&quot;b\">t</p>"},
      {"1 < 2 <p>x</p>", "1 &lt; 2 <p>x</p>"},
      {"<p>未闭合", "<p>未闭合"},
      {"<unknown>文字</unknown>", "文字"},
      {"<svg onload=alert(1)>", ""},
      {"&lt;已转义&gt; &amp; &copy; & 单独", "<p>&lt;已转义&gt; &amp; &copy; &amp; 单独</p>"},
  };
  for (const Case& c : cases) EXPECT_EQ(sanitize_html(c.input), c.expected) << c.input;
}

TEST(HtmlTest, ExcerptStripsTagsAndCutsOnCharacters) {
  EXPECT_EQ(plain_excerpt("<p>一二三</p><p>四五</p>", 100), "一二三 四五");
  EXPECT_EQ(plain_excerpt("<p>一二三四五六</p>", 3), "一二三…");
  EXPECT_EQ(plain_excerpt("a &amp; b &lt;c&gt;", 100), "a & b <c>");
}

TEST(HtmlTest, UrlEncode) {
  EXPECT_EQ(url_encode("公开 a/b?c=d"), "%E5%85%AC%E5%BC%80%20a%2Fb%3Fc%3Dd");
  EXPECT_EQ(url_encode("abc-_.~"), "abc-_.~");
}

}  // namespace
}  // namespace gongkai::web
