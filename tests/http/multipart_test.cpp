// Tests of the multipart/form-data parser: well-formed bodies as browsers send them, RFC 5987 file names,
// limits, and a table of malformed and hostile bodies that must each be refused with a reason.
#include "http/multipart.h"

#include <gtest/gtest.h>

#include <random>

#include "http/http.h"

namespace gongkai::http {
namespace {

const std::string kB = "----WebKitFormBoundaryx7YqZ";

std::string part(const std::string& headers, const std::string& content) {
  return "--" + kB + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
}
std::string close_delim() { return "--" + kB + "--\r\n"; }

TEST(HttpMultipartTest, ParsesABrowserForm) {
  const std::string body = part("Content-Disposition: form-data; name=\"csrf\"", "tok123") +
                           part("Content-Disposition: form-data; name=\"title\"", "关于印发《示例县》的通知\r\n第二行") +
                           part("Content-Disposition: form-data; name=\"file\"; filename=\"通知.pdf\"\r\n"
                                "Content-Type: application/pdf",
                                std::string("%PDF-1.4\r\n\0\xff binary\r\n--not-the-boundary", 36)) +
                           part("Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                                "Content-Type: application/octet-stream",
                                "") +
                           close_delim();
  Result<MultipartForm> form = parse_multipart(body, kB);
  ASSERT_TRUE(form.is_ok()) << form.status().message();
  ASSERT_EQ(form->parts.size(), 4u);
  EXPECT_EQ(form->field("csrf"), "tok123");
  EXPECT_EQ(form->field("title"), "关于印发《示例县》的通知\r\n第二行");
  EXPECT_EQ(form->field("file"), std::nullopt);
  std::vector<const FormPart*> files = form->files("file");
  ASSERT_EQ(files.size(), 1u);  // the empty file input is not a file
  EXPECT_EQ(files[0]->filename, "通知.pdf");
  EXPECT_EQ(files[0]->content_type, "application/pdf");
  EXPECT_EQ(files[0]->data, std::string("%PDF-1.4\r\n\0\xff binary\r\n--not-the-boundary", 36));
  EXPECT_EQ(form->fields(), (std::vector<std::pair<std::string, std::string>>{
                                {"csrf", "tok123"}, {"title", "关于印发《示例县》的通知\r\n第二行"}}));
}

TEST(HttpMultipartTest, ReadsFileNames) {
  struct Case {
    const char* disposition;
    const char* filename;
  };
  const Case cases[] = {
      {"form-data; name=\"f\"; filename=\"a.pdf\"", "a.pdf"},
      {"form-data; name=f; filename=a.pdf", "a.pdf"},
      {"FORM-DATA; NAME=\"f\"; FILENAME=\"a.pdf\"", "a.pdf"},
      {"form-data; name=\"f\"; filename=\"C:\\Users\\x\\报告.docx\"", "报告.docx"},  // old IE: full path
      {"form-data; name=\"f\"; filename=\"../../etc/passwd\"", "passwd"},
      {"form-data; name=\"f\"; filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt"},
      {"form-data; name=\"f\"; filename=\"a%22b.txt\"", "a%22b.txt"},  // HTML's escaping is kept as sent
      {"form-data; name=\"f\"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf", "通知.pdf"},
      {"form-data; name=\"f\"; filename=\"fallback.pdf\"; filename*=utf-8'zh'%E9%80%9A%E7%9F%A5.pdf", "通知.pdf"},
      {"form-data; name=\"f\"; filename*=iso-8859-1''caf%E9.txt", "café.txt"},
      {"form-data; name=\"f\"; filename=\"a.pdf\";", "a.pdf"},
  };
  for (const Case& c : cases) {
    const std::string body = part(std::string("Content-Disposition: ") + c.disposition, "x") + close_delim();
    Result<MultipartForm> form = parse_multipart(body, kB);
    ASSERT_TRUE(form.is_ok()) << c.disposition << ": " << form.status().message();
    ASSERT_EQ(form->parts.size(), 1u);
    EXPECT_EQ(form->parts[0].filename, c.filename) << c.disposition;
  }
}

TEST(HttpMultipartTest, ReadsTheBoundary) {
  struct Case {
    const char* content_type;
    const char* boundary;  // nullptr: refused
  };
  const Case cases[] = {
      {"multipart/form-data; boundary=abc", "abc"},
      {"Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", "a b:c"},
      {"multipart/form-data;boundary=----WebKitFormBoundaryx7YqZ", "----WebKitFormBoundaryx7YqZ"},
      {"multipart/form-data", nullptr},
      {"multipart/form-data; boundary=", nullptr},
      {"multipart/form-data; boundary=\"\"", nullptr},
      {"multipart/form-data; boundary=\"ends in space \"", nullptr},
      {"multipart/form-data; boundary=\"bad\\\"quote\"", nullptr},
      {"multipart/form-data; boundary=\"semi;colon\"", nullptr},
      {"multipart/mixed; boundary=abc", nullptr},
      {"application/x-www-form-urlencoded", nullptr},
      {"multipart/form-data; boundary=abc; boundary=def", nullptr},
      {"multipart/form-data; boundary=\"unterminated", nullptr},
  };
  for (const Case& c : cases) {
    Result<std::string> boundary = multipart_boundary(c.content_type);
    if (!c.boundary) {
      EXPECT_FALSE(boundary.is_ok()) << c.content_type;
      continue;
    }
    ASSERT_TRUE(boundary.is_ok()) << c.content_type << ": " << boundary.status().message();
    EXPECT_EQ(*boundary, c.boundary);
  }
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')).is_ok());
  EXPECT_TRUE(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'a')).is_ok());
}

TEST(HttpMultipartTest, IgnoresPreambleAndEpilogue) {
  const std::string body = "This is a preamble.\r\n" + part("Content-Disposition: form-data; name=\"a\"", "1") +
                           "--" + kB + "--\r\nepilogue --" + kB + "\r\n";
  Result<MultipartForm> form = parse_multipart(body, kB);
  ASSERT_TRUE(form.is_ok()) << form.status().message();
  EXPECT_EQ(form->field("a"), "1");
  Result<MultipartForm> empty = parse_multipart("--" + kB + "--", kB);
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty->parts.empty());
}

TEST(HttpMultipartTest, RefusesMalformedBodies) {
  const std::string cd = "Content-Disposition: form-data; name=\"a\"";
  struct Case {
    std::string body;
    const char* reason;  // a piece of the expected message
  };
  const Case cases[] = {
      {"", "no multipart delimiter"},
      {"hello", "no multipart delimiter"},
      {"--" + kB + "\r\n" + cd + "\r\n\r\nvalue", "without the closing delimiter"},
      {part(cd, "1"), "without the closing delimiter"},
      {"--" + kB + "\r\n" + cd + "\r\nno blank line", "blank line"},
      {"--" + kB + "junk\r\n" + cd + "\r\n\r\n1\r\n" + close_delim(), "text after the boundary"},
      {"--" + kB, "without the closing delimiter"},
      {part("", "1") + close_delim(), "no Content-Disposition"},
      {part("Content-Type: text/plain", "1") + close_delim(), "no Content-Disposition"},
      {part("Content-Disposition: attachment; name=\"a\"", "1") + close_delim(), "not form-data"},
      {part("Content-Disposition: form-data", "1") + close_delim(), "no field name"},
      {part("Content-Disposition: form-data; name=\"\"", "1") + close_delim(), "no field name"},
      {part("Content-Disposition: form-data; name", "1") + close_delim(), "without '='"},
      {part("Content-Disposition: form-data; name=\"a", "1") + close_delim(), "unterminated"},
      {part("Content-Disposition: form-data; name=\"a\"x", "1") + close_delim(), "after the quoted value"},
      {part("Content-Disposition: form-data; name=a b", "1") + close_delim(), "not a token"},
      {part("Content-Disposition: form-data; name=\"a\"; name=\"b\"", "1") + close_delim(), "given twice"},
      {part(cd + "\r\n" + cd, "1") + close_delim(), "given twice"},
      {part(cd + "\r\n folded", "1") + close_delim(), "folded"},
      {part(cd + "\r\nno colon here", "1") + close_delim(), "without ':'"},
      {part(cd + "\r\nBad Name: x", "1") + close_delim(), "malformed header name"},
      {part(cd + "\r\nContent-Transfer-Encoding: base64", "MQ==") + close_delim(), "base64"},
      {part("Content-Disposition: form-data; name=\"\xff\"", "1") + close_delim(), "not valid UTF-8"},
      {part(cd, "\xc0\xaf") + close_delim(), "not valid UTF-8"},
      {part(cd, std::string("a\0b", 3)) + close_delim(), "not valid UTF-8"},
      {part("Content-Disposition: form-data; name=\"f\"; filename=\"a\xff.pdf\"", "x") + close_delim(), "not valid UTF-8"},
      {part("Content-Disposition: form-data; name=\"f\"; filename=\"a\x01.pdf\"", "x") + close_delim(), "control"},
      {part("Content-Disposition: form-data; name=\"f\"; filename=\"dir/\"", "x") + close_delim(), "only a path"},
      {part("Content-Disposition: form-data; name=\"f\"; filename=\"..\"", "x") + close_delim(), "only a path"},
      {part("Content-Disposition: form-data; name=\"f\"; filename=\"" + std::string(300, 'a') + "\"", "x") + close_delim(),
       "255"},
      {part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8%E9", "x") + close_delim(), "RFC 5987"},
      {part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E9%8", "x") + close_delim(), "%-escape"},
      {part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%zz", "x") + close_delim(), "%-escape"},
      {part("Content-Disposition: form-data; name=\"f\"; filename*=GBK''%CD%A8", "x") + close_delim(), "'gbk' is not supported"},
      {part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%FF.pdf", "x") + close_delim(), "UTF-8"},
  };
  for (const Case& c : cases) {
    Result<MultipartForm> form = parse_multipart(c.body, kB);
    ASSERT_FALSE(form.is_ok()) << c.reason;
    EXPECT_EQ(form.status().code(), StatusCode::kInvalid);
    EXPECT_NE(form.status().message().find(c.reason), std::string::npos)
        << "expected '" << c.reason << "' in: " << form.status().message();
  }
}

TEST(HttpMultipartTest, EnforcesLimits) {
  MultipartLimits limits;
  limits.max_parts = 3;
  limits.max_part_bytes = 10;
  limits.max_field_bytes = 5;
  limits.max_header_bytes = 100;
  limits.max_total_bytes = 1000;
  const std::string field = "Content-Disposition: form-data; name=\"a\"";
  const std::string file = "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"";

  EXPECT_TRUE(parse_multipart(part(field, "12345") + part(file, "1234567890") + close_delim(), kB, limits).is_ok());

  Result<MultipartForm> big_field = parse_multipart(part(field, "123456") + close_delim(), kB, limits);
  ASSERT_FALSE(big_field.is_ok());
  EXPECT_NE(big_field.status().message().find("field 'a' is larger than 5 bytes"), std::string::npos);

  Result<MultipartForm> big_file = parse_multipart(part(file, "12345678901") + close_delim(), kB, limits);
  ASSERT_FALSE(big_file.is_ok());
  EXPECT_NE(big_file.status().message().find("file 'x.bin' of field 'f' is larger than 10 bytes"), std::string::npos);

  Result<MultipartForm> many = parse_multipart(part(field, "1") + part(field, "2") + part(field, "3") +
                                                   part(field, "4") + close_delim(),
                                               kB, limits);
  ASSERT_FALSE(many.is_ok());
  EXPECT_NE(many.status().message().find("more than 3 parts"), std::string::npos);

  Result<MultipartForm> long_headers =
      parse_multipart(part(field + "\r\nX-Pad: " + std::string(100, 'p'), "1") + close_delim(), kB, limits);
  ASSERT_FALSE(long_headers.is_ok());
  EXPECT_NE(long_headers.status().message().find("longer than 100 bytes"), std::string::npos);

  // Headers that never end: refused by the header limit, not searched to the end of the body.
  Result<MultipartForm> endless =
      parse_multipart("--" + kB + "\r\n" + field + "\r\nX: " + std::string(900, 'p'), kB, limits);
  ASSERT_FALSE(endless.is_ok());
  EXPECT_NE(endless.status().message().find("longer than 100 bytes"), std::string::npos);

  Result<MultipartForm> total = parse_multipart(std::string(1001, 'x'), kB, limits);
  ASSERT_FALSE(total.is_ok());
  EXPECT_NE(total.status().message().find("larger than 1000 bytes"), std::string::npos);
}

TEST(HttpMultipartTest, ParsesFromARequest) {
  Request request;
  request.headers = {{"content-type", "multipart/form-data; boundary=" + kB}};
  request.body = part("Content-Disposition: form-data; name=\"a\"", "1") + close_delim();
  Result<MultipartForm> form = parse_multipart(request);
  ASSERT_TRUE(form.is_ok()) << form.status().message();
  EXPECT_EQ(form->field("a"), "1");
  request.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  EXPECT_FALSE(parse_multipart(request).is_ok());
  request.headers.clear();
  EXPECT_FALSE(parse_multipart(request).is_ok());
}

// Mutations of a valid body (bytes flipped, dropped, duplicated, truncated) must each be parsed or refused
// with kInvalid, never crash or loop; run under ASan this also checks that nothing reads out of bounds.
TEST(HttpMultipartTest, SurvivesMutatedBodies) {
  const std::string seed = part("Content-Disposition: form-data; name=\"csrf\"", "tok") +
                           part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E9%80%9A.pdf\r\n"
                                "Content-Type: application/pdf",
                                "%PDF-1.4 \r\n-- data") +
                           close_delim();
  std::mt19937 rng(20201231);
  const std::string alphabet = std::string("\r\n-\"';=%\\ \0\xff", 13) + kB;
  int parsed = 0;
  int refused = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string body = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int edit = 0; edit < edits && !body.empty(); ++edit) {
      const size_t at = rng() % body.size();
      switch (rng() % 4) {
        case 0: body[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: body.erase(at, 1 + rng() % 8); break;
        case 2: body.insert(at, body.substr(at, 1 + rng() % 16)); break;
        default: body.resize(at); break;
      }
    }
    Result<MultipartForm> form = parse_multipart(body, kB);
    if (form.is_ok()) {
      ++parsed;
      for (const FormPart& p : form->parts) EXPECT_FALSE(p.name.empty());
      continue;
    }
    ++refused;
    EXPECT_EQ(form.status().code(), StatusCode::kInvalid);
    EXPECT_FALSE(form.status().message().empty());
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace gongkai::http
