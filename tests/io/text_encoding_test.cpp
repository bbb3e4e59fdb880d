// Tests of incoming-text decoding: UTF-8 passes, GBK/GB18030 Chinese is converted exactly, anything else is
// refused with the file and line of the first bad byte (spec/contracts.md: "never imported as mojibake").
#include "io/text_encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace gongkai::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// 1-based line of byte `offset`.
size_t line_at(std::string_view text, size_t offset) {
  size_t line = 1;
  for (size_t pos = 0; pos < offset; ++pos) line += text[pos] == '\n';
  return line;
}

TEST(FindInvalidUtf8Test, ReturnsOffsetOfFirstBadSequence) {
  struct Case {
    std::string bytes;
    size_t expected;  // npos: valid
  };
  constexpr size_t kValid = std::string_view::npos;
  const Case cases[] = {
      {"", kValid},
      {"plain ascii, with\nnewlines\r\n", kValid},
      {"关于印发《工作要点》的通知", kValid},
      {std::string("nul\0byte", 8), kValid},
      {"\xF0\x9F\x98\x80 emoji", kValid},         // U+1F600
      {"\xF4\x8F\xBF\xBF", kValid},                // U+10FFFF, the last code point
      {"\xEF\xBF\xBD", kValid},                    // U+FFFD itself is fine
      {"ab\xC0\xAF", 2},                           // overlong '/'
      {"\xC1\xBF", 0},                             // overlong 2-byte
      {"\xE0\x80\xAF", 0},                         // overlong 3-byte
      {"\xF0\x80\x80\xAF", 0},                     // overlong 4-byte
      {"x\xED\xA0\x80", 1},                        // high surrogate U+D800
      {"\xED\xBF\xBF", 0},                         // low surrogate U+DFFF
      {"\xF4\x90\x80\x80", 0},                     // U+110000, past the end of Unicode
      {"\xF5\x80\x80\x80", 0},
      {"abc\x80", 3},                              // lone continuation byte
      {"ok\xC2", 2},                               // truncated at the end
      {"\xE6\xA0x", 0},                            // truncated before ASCII
      {"\xFF", 0},
      {"\xFE\xFF", 0},
      {"标题\xE9", 6},                             // a Latin-1 byte after valid Chinese
  };
  for (const Case& c : cases) {
    EXPECT_EQ(find_invalid_utf8(c.bytes), c.expected) << ::testing::PrintToString(c.bytes);
  }
}

TEST(DecodeToUtf8Test, ValidUtf8PassesUnchangedWithoutBom) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"", ""},
      {"abc", "abc"},
      {std::string(kBom) + "abc", "abc"},
      {std::string(kBom), ""},
      {std::string(kBom) + "标题,机构\r\n通知,b\r\n", "标题,机构\r\n通知,b\r\n"},
      {"a\r\nb\n", "a\r\nb\n"},
      {std::string(kBom) + std::string(kBom) + "x", std::string(kBom) + "x"},  // only the leading mark is a BOM
      {"x" + std::string(kBom), "x" + std::string(kBom)},
      {"\xF0\xA0\x80\x80 \xF0\x9F\x98\x80", "\xF0\xA0\x80\x80 \xF0\x9F\x98\x80"},
  };
  for (const Case& c : cases) {
    Result<DecodedText> decoded = decode_to_utf8(c.input, "in.csv");
    ASSERT_TRUE(decoded) << decoded.status().message();
    EXPECT_EQ(decoded->utf8, c.expected) << ::testing::PrintToString(c.input);
    EXPECT_EQ(decoded->source, SourceEncoding::kUtf8);
  }
}

TEST(DecodeToUtf8Test, Gb18030ChineseIsDetectedAndConvertedExactly) {
  const std::string texts[] = {
      "关于印发《示例县2020年政务公开工作要点》的通知",
      "title,body,publish_date\n示例县人民政府关于做好春节期间安全生产工作的通知,demo-county,2020-01-15\n"
      "县政府办公室：“放管服”改革——第一批事项目录（2020年版）,demo-office,2020-03-05\n",
      "第一条　为了规范政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本办法。\r\n"
      "第二条　本办法自发布之日起施行。①②③\r\n",
      // Characters outside the BMP take GB18030's four-byte form.
      "姓氏：\xF0\xA0\x80\x80\xF0\xAA\x9A\xA5，地名：𠮷野家",
      std::string(50, 'a') + "，一个汉字" + std::string(50, 'b'),
  };
  for (const std::string& text : texts) {
    Result<std::string> gb = utf8_to_gb18030(text);
    ASSERT_TRUE(gb) << gb.status().message();
    ASSERT_NE(*gb, text);
    ASSERT_NE(find_invalid_utf8(*gb), std::string_view::npos) << "sample must not be valid UTF-8: " << text;
    Result<DecodedText> decoded = decode_to_utf8(*gb, "gbk.csv");
    ASSERT_TRUE(decoded) << decoded.status().message();
    EXPECT_EQ(decoded->utf8, text);
    EXPECT_EQ(decoded->source, SourceEncoding::kGb18030);
  }
}

TEST(DecodeToUtf8Test, Gb18030ByteOrderMarkIsDropped) {
  // GB18030 encodes U+FEFF as 84 31 95 33; like the UTF-8 BOM it is a marker, not text.
  const std::string bodies[] = {
      "关于印发《示例县2020年政务公开工作要点》的通知，请认真贯彻执行。",
      "标题,机构\n通知,b\n",  // a short file: the marker must not count against the "is it Chinese" judgement
  };
  for (const std::string& body : bodies) {
    Result<std::string> gb = utf8_to_gb18030("\xEF\xBB\xBF" + body);
    ASSERT_TRUE(gb);
    ASSERT_TRUE(gb->starts_with("\x84\x31\x95\x33"));
    Result<DecodedText> decoded = decode_to_utf8(*gb, "bom.csv");
    ASSERT_TRUE(decoded) << body << ": " << decoded.status().message();
    EXPECT_EQ(decoded->utf8, body);
    EXPECT_EQ(decoded->source, SourceEncoding::kGb18030);
  }
}

TEST(DecodeToUtf8Test, RefusesBytesThatAreNeitherUtf8NorChineseGb18030) {
  std::mt19937 rng(12345);
  std::string random_binary(2048, '\0');
  for (char& c : random_binary) c = static_cast<char>(rng() & 0xFF);

  struct Case {
    const char* what;
    std::string bytes;
  };
  const Case cases[] = {
      {"Latin-1 accents", "caf\xe9 na\xefve r\xe9sum\xe9"},
      {"Latin-1 on line 3", "title,body\nfirst,b\ncaf\xe9 au lait,b\n"},
      {"Latin-1 German", "Gr\xfc\xdf Gott\n"},
      {"Windows-1252 quotes", "\x93quoted\x94 text\n"},
      {"a lone 0xFF", "\xff"},
      {"0xFF after two lines", "a\nb\n\xff\n"},
      {"a lone 0x80", "x\x80y"},
      {"random binary", random_binary},
  };
  for (const Case& c : cases) {
    Result<DecodedText> decoded = decode_to_utf8(c.bytes, "upload/items.csv");
    ASSERT_FALSE(decoded) << c.what << " was accepted as " << decoded->utf8;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalid) << c.what;
    const size_t line = line_at(c.bytes, find_invalid_utf8(c.bytes));
    EXPECT_NE(decoded.status().message().find("upload/items.csv:" + std::to_string(line) + ":"), std::string::npos)
        << c.what << ": " << decoded.status().message();
    EXPECT_NE(decoded.status().message().find("UTF-8"), std::string::npos) << c.what;
  }
}

TEST(DecodeToUtf8Test, Utf8ChineseWithAStrayByteIsNotReadAsGb18030) {
  // A UTF-8 file with one corrupt byte is still a UTF-8 file: read as GB18030 its Chinese turns into other, equally
  // Chinese-looking characters (示例县… becomes 殓ず渚嬪幙…), which is exactly the mojibake the contract forbids.
  const std::string title = "示例县人民政府办公室关于做好春节期间安全生产工作的通知";
  const std::string cases[] = {
      "title,body,publish_date\n\xe9" + title + ",b,2020-03-05\n",
      "title,body,publish_date\n\xb7" + title + ",b,2020-03-05\n",
      "title,body,publish_date\n\xe7\xa4\xba\xe9" + title.substr(3) + ",b,2020-03-05\n",
  };
  for (const std::string& bytes : cases) {
    Result<DecodedText> decoded = decode_to_utf8(bytes, "corrupt.csv");
    EXPECT_FALSE(decoded) << "accepted as GB18030: " << (decoded ? decoded->utf8 : "");
    if (!decoded) {
      EXPECT_NE(decoded.status().message().find("corrupt.csv:2:"), std::string::npos);
    }
  }
}

TEST(DecodeToUtf8Test, RefusalNamesTheLineOfTheFirstBadByte) {
  Result<DecodedText> decoded = decode_to_utf8("ok\nstill ok\n\nbad \xe9t\xe9\n", "f.jsonl");
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.status().message().find("f.jsonl:4:"), std::string::npos) << decoded.status().message();
  EXPECT_NE(decoded.status().message().find("offset 17"), std::string::npos) << decoded.status().message();
}

TEST(Utf8ToGb18030Test, KnownBytes) {
  struct Case {
    std::string utf8;
    std::string gb;
  };
  const Case cases[] = {
      {"abc", "abc"},
      {"中文", "\xD6\xD0\xCE\xC4"},
      {"政务", "\xD5\xFE\xCE\xF1"},
      {"\xEF\xBC\x8C", "\xA3\xAC"},             // full-width comma
      {"\xF0\xA0\x80\x80", "\x95\x32\x82\x36"},  // U+20000, four-byte form
  };
  for (const Case& c : cases) {
    Result<std::string> gb = utf8_to_gb18030(c.utf8);
    ASSERT_TRUE(gb);
    EXPECT_EQ(*gb, c.gb) << c.utf8;
  }
}

}  // namespace
}  // namespace gongkai::io
