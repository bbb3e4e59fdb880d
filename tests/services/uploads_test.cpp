// Tests of the upload checks: libmagic against the allowlist, the extension agreeing with the content, the size
// limit, and the content-addressed file store.
#include "services/uploads.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/sha256.h"
#include "domain/upload_types.h"
#include "support/sample_files.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using namespace gongkai::testing;

TEST(UploadsTest, SniffsRealContent) {
  struct Case {
    std::string data;
    const char* mime;
  };
  const Case cases[] = {
      {sample_pdf(), "application/pdf"},
      {sample_png(), "image/png"},
      {sample_jpeg(), "image/jpeg"},
      {sample_zip({{"a.txt", "hello"}}), "application/zip"},
      {sample_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {sample_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"<html><script>alert(1)</script></html>", "text/html"},
  };
  for (const Case& c : cases) {
    Result<std::string> mime = sniff_mime_type(c.data);
    ASSERT_TRUE(mime.is_ok()) << mime.status().message();
    EXPECT_EQ(*mime, c.mime);
  }
}

TEST(UploadsTest, ChecksTypeAgainstExtension) {
  struct Case {
    std::string file_name;
    std::string data;
    const char* stored_mime;  // nullptr: refused
    const char* reason;       // a piece of the refusal
  };
  const Case cases[] = {
      {"通知.pdf", sample_pdf(), "application/pdf", ""},
      {"通知.PDF", sample_pdf(), "application/pdf", ""},
      {"图.png", sample_png(), "image/png", ""},
      {"照片.jpg", sample_jpeg(), "image/jpeg", ""},
      {"照片.jpeg", sample_jpeg(), "image/jpeg", ""},
      {"材料.zip", sample_zip({{"a.txt", "x"}}), "application/zip", ""},
      {"方案.docx", sample_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
      {"统计.xlsx", sample_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""},
      {"旧版.doc", sample_ole2(), "application/msword", ""},
      {"旧表.xls", sample_ole2(), "application/vnd.ms-excel", ""},
      {"版式.ofd", sample_zip({{"OFD.xml", "<ofd:OFD/>"}}), "application/ofd", ""},
      {"伪装.pdf", sample_png(), nullptr, "类型与扩展名不符"},
      {"伪装.docx", sample_xlsx(), nullptr, "类型与扩展名不符"},
      {"伪装.xlsx", sample_docx(), nullptr, "类型与扩展名不符"},
      {"伪装.png", "<html><script>alert(1)</script></html>", nullptr, "text/html"},
      {"伪装.doc", sample_pdf(), nullptr, "类型与扩展名不符"},
      {"页面.html", "<html></html>", nullptr, "不允许上传"},
      {"图.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", nullptr, "不允许上传"},
      {"程序.exe", "MZ\x90\x00", nullptr, "不允许上传"},
      {"没有扩展名", sample_pdf(), nullptr, "不允许上传"},
      {".pdf", sample_pdf(), nullptr, "不允许上传"},
      {"空.pdf", "", nullptr, "空文件"},
  };
  for (const Case& c : cases) {
    Result<CheckedUpload> checked = check_upload(c.file_name, c.data);
    if (!c.stored_mime) {
      ASSERT_FALSE(checked.is_ok()) << c.file_name;
      EXPECT_EQ(checked.status().code(), StatusCode::kInvalid);
      EXPECT_NE(checked.status().message().find(c.reason), std::string::npos)
          << c.file_name << ": " << checked.status().message();
      EXPECT_NE(checked.status().message().find(c.file_name), std::string::npos) << c.file_name;
      continue;
    }
    ASSERT_TRUE(checked.is_ok()) << c.file_name << ": " << checked.status().message();
    EXPECT_EQ(checked->mime_type, c.stored_mime) << c.file_name;
    EXPECT_EQ(checked->file_name, c.file_name);
  }
}

TEST(UploadsTest, RefusesFilesOverTheLimit) {
  std::string pdf = sample_pdf();
  EXPECT_TRUE(check_upload("a.pdf", pdf, pdf.size()).is_ok());
  Result<CheckedUpload> big = check_upload("a.pdf", pdf, pdf.size() - 1);
  ASSERT_FALSE(big.is_ok());
  EXPECT_NE(big.status().message().find("大小限制"), std::string::npos);
  EXPECT_FALSE(check_upload("a.pdf", std::string(kMaxUploadBytes + 1, 'x')).is_ok());
}

TEST(UploadsTest, StoresBlobsByContentHash) {
  TempDir dir;
  const std::string pdf = sample_pdf();
  Result<std::string> sha = write_blob_file(dir.path(), pdf);
  ASSERT_TRUE(sha.is_ok()) << sha.status().message();
  EXPECT_EQ(*sha, sha256_hex(pdf));
  const std::string path = dir.path() + "/" + sha->substr(0, 2) + "/" + *sha;
  std::ifstream in(path, std::ios::binary);
  std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(stored, pdf);
  Result<std::string> again = write_blob_file(dir.path(), pdf);  // idempotent
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(*again, *sha);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);  // no temporary left behind
  EXPECT_FALSE(write_blob_file("/proc/no-such-dir", pdf).is_ok());
}

TEST(UploadTypesTest, TableLookups) {
  EXPECT_EQ(domain::upload_type_for("a.Docx")->extension, ".docx");
  EXPECT_EQ(domain::upload_type_for("archive.tar.gz"), nullptr);
  EXPECT_EQ(domain::upload_type_for("pdf"), nullptr);
  EXPECT_NE(domain::upload_extensions_hint().find("PDF、OFD、DOC、DOCX"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::services
