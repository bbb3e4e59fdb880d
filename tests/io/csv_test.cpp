// Tests of the RFC 4180 CSV reader and writer: quoting, embedded line breaks with correct record line numbers,
// CRLF, blank lines, and errors that name the line.
#include "io/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gongkai::io {
namespace {

struct ExpectedRecord {
  size_t line;
  std::vector<std::string> fields;
};

void expect_records(const std::vector<CsvRecord>& actual, const std::vector<ExpectedRecord>& expected,
                    const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t record_idx = 0; record_idx < expected.size(); ++record_idx) {
    EXPECT_EQ(actual[record_idx].line, expected[record_idx].line) << what << ", record " << record_idx;
    EXPECT_EQ(actual[record_idx].fields, expected[record_idx].fields) << what << ", record " << record_idx;
  }
}

TEST(ParseCsvTest, Records) {
  struct Case {
    const char* what;
    std::string text;
    std::vector<ExpectedRecord> expected;
  };
  const Case cases[] = {
      {"empty text", "", {}},
      {"only blank lines", "\n\r\n\n", {}},
      {"simple", "a,b,c\n1,2,3\n", {{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}},
      {"no final newline", "a,b\nc,d", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"quoted comma", "\"a,b\",c\n", {{1, {"a,b", "c"}}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x\n", {{1, {"say \"hi\"", "x"}}}},
      {"only a quote", "\"\"\"\"\n", {{1, {"\""}}}},
      {"quoted empty", "\"\",x\n", {{1, {"", "x"}}}},
      {"quoted empty alone", "\"\"\n", {{1, {""}}}},
      {"empty fields", ",,\n", {{1, {"", "", ""}}}},
      {"trailing comma", "a,\n", {{1, {"a", ""}}}},
      {"embedded newline keeps line numbers",
       "h1,h2\n\"line1\nline2\",x\nnext,y\n",
       {{1, {"h1", "h2"}}, {2, {"line1\nline2", "x"}}, {4, {"next", "y"}}}},
      {"two embedded newlines",
       "h\n\"a\n\nb\"\nc\n",
       {{1, {"h"}}, {2, {"a\n\nb"}}, {5, {"c"}}}},
      {"CRLF", "a,b\r\nc,d\r\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"CRLF inside a quoted field is kept",
       "\"a\r\nb\",c\r\nd,e\r\n",
       {{1, {"a\r\nb", "c"}}, {3, {"d", "e"}}}},
      {"quoted field before CRLF", "\"a\",\"b\"\r\nc,d\r\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"blank lines skipped", "a\n\n\nb\n", {{1, {"a"}}, {4, {"b"}}}},
      {"blank CRLF lines skipped", "a\r\n\r\nb\r\n\r\n", {{1, {"a"}}, {3, {"b"}}}},
      {"leading blank lines", "\n\nx,y\n", {{3, {"x", "y"}}}},
      {"spaces are data", " a , b \n", {{1, {" a ", " b "}}}},
      {"Chinese", "标题,机构\n通知，全文,县政府\n", {{1, {"标题", "机构"}}, {2, {"通知，全文", "县政府"}}}},
      {"HTML with quotes",
       "\"<p class=\"\"x\"\">a, b</p>\",1\n",
       {{1, {"<p class=\"x\">a, b</p>", "1"}}}},
  };
  for (const Case& c : cases) {
    Result<std::vector<CsvRecord>> records = parse_csv(c.text, "t.csv");
    ASSERT_TRUE(records) << c.what << ": " << records.status().message();
    expect_records(*records, c.expected, c.what);
  }
}

TEST(ParseCsvTest, ErrorsNameTheLine) {
  struct Case {
    const char* what;
    std::string text;
    const char* location;  // "t.csv:N:"
    const char* message_part;
  };
  const Case cases[] = {
      {"unterminated quote", "a,b\n\"unterminated,x\nmore\n", "t.csv:2:", "never closed"},
      {"unterminated at the end", "h\nok\n\"abc", "t.csv:3:", "never closed"},
      {"unterminated after a multi-line field", "h\n\"a\nb\",c\n\"open\n", "t.csv:4:", "never closed"},
      {"stray quote in an unquoted field", "a,b\nc,d\"e\n", "t.csv:2:", "unquoted field"},
      {"quote at the end of an unquoted field", "a,b\"\n", "t.csv:1:", "unquoted field"},
      {"text after a closing quote", "a\n\"x\"y,z\n", "t.csv:2:", "closing quote"},
      {"text after a closing quote on a later line", "a\n\"multi\nline\"junk\n", "t.csv:3:", "closing quote"},
  };
  for (const Case& c : cases) {
    Result<std::vector<CsvRecord>> records = parse_csv(c.text, "t.csv");
    ASSERT_FALSE(records) << c.what;
    EXPECT_EQ(records.status().code(), StatusCode::kInvalid) << c.what;
    const std::string& message = records.status().message();
    EXPECT_TRUE(message.starts_with(c.location)) << c.what << ": " << message;
    EXPECT_NE(message.find(c.message_part), std::string::npos) << c.what << ": " << message;
  }
}

const std::vector<std::vector<std::string>> kRoundTripRecords = {
    {"a", "b", "c"},
    {"with,comma", "with \"quote\"", "multi\nline", "crlf\r\nline"},
    {"", "", ""},
    {"", "x"},
    {"标题", "、；|;", " leading space", "trailing space "},
    {"\"", "\"\"", ",", "\n"},
    {"\"starts with a quote", "ends with a quote\"", "\r"},
    {"<script>alert(\"1\")</script>", "a,\"b\",\nc"},
};

TEST(FormatCsvLineTest, EachRecordRoundTrips) {
  for (const std::vector<std::string>& fields : kRoundTripRecords) {
    const std::string line = format_csv_line(fields);
    EXPECT_TRUE(line.ends_with("\n"));
    Result<std::vector<CsvRecord>> parsed = parse_csv(line, "rt.csv");
    ASSERT_TRUE(parsed) << line << ": " << parsed.status().message();
    ASSERT_EQ(parsed->size(), 1u) << line;
    EXPECT_EQ(parsed->front().fields, fields) << line;
  }
}

TEST(FormatCsvLineTest, AFileOfRecordsRoundTripsWithLineNumbers) {
  std::string text;
  std::vector<ExpectedRecord> expected;
  size_t line = 1;
  for (const std::vector<std::string>& fields : kRoundTripRecords) {
    expected.push_back({line, fields});
    const std::string formatted = format_csv_line(fields);
    text += formatted;
    for (char c : formatted) line += c == '\n';
  }
  Result<std::vector<CsvRecord>> parsed = parse_csv(text, "rt.csv");
  ASSERT_TRUE(parsed) << parsed.status().message();
  expect_records(*parsed, expected, "file");
}

TEST(FormatCsvLineTest, QuotesOnlyWhereNeeded) {
  struct Case {
    std::vector<std::string> fields;
    const char* expected;
  };
  const Case cases[] = {
      {{"a", "b"}, "a,b\n"},
      {{"a,b"}, "\"a,b\"\n"},
      {{"say \"hi\""}, "\"say \"\"hi\"\"\"\n"},
      {{"two\nlines", "x"}, "\"two\nlines\",x\n"},
      {{"标题", ""}, "标题,\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(format_csv_line(c.fields), c.expected);
}

TEST(FormatCsvLineTest, SingleEmptyFieldRoundTrips) {
  // A one-column record whose only value is empty must not be written as a blank line, which the reader skips.
  const std::vector<std::string> fields = {""};
  Result<std::vector<CsvRecord>> parsed = parse_csv("h\n" + format_csv_line(fields), "rt.csv");
  ASSERT_TRUE(parsed) << parsed.status().message();
  ASSERT_EQ(parsed->size(), 2u) << "the record '" << format_csv_line(fields) << "' was lost";
  EXPECT_EQ((*parsed)[1].fields, fields);
}

}  // namespace
}  // namespace gongkai::io
