// Terminal progress bar.
#include "io/progress.h"

#include <unistd.h>

#include <cstdio>

namespace gongkai::io {

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), enabled_(isatty(STDERR_FILENO) == 1) {
  start_ = last_ = std::chrono::steady_clock::now();
}

Progress::~Progress() { finish(); }

void Progress::update(uint64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total_) return;
  last_ = now;
  draw(done);
}

void Progress::draw(uint64_t done) {
  constexpr int kWidth = 30;
  double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 0.0;
  if (fraction > 1) fraction = 1;
  int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '-');
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r%s [%s] %3d%%  %llu/%llu  %.1fs ", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_), secs);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  draw(total_);
  std::fputc('\n', stderr);
  drawn_ = false;
  enabled_ = false;
}

}  // namespace gongkai::io
