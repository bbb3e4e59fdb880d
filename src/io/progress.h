// A progress bar on stderr for long work, drawn only when stderr is a terminal (scripts and CI see nothing).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace gongkai::io {

class Progress {
 public:
  // `label` is shown before the bar, e.g. "导入信息"; `total` is the number of steps (0 if unknown).
  Progress(std::string label, uint64_t total);
  ~Progress();  // finishes the line if anything was drawn

  // Sets the number of steps done; redraws at most ten times a second.
  void update(uint64_t done);
  void finish();

  // Forces drawing on or off (tests); the default follows isatty(stderr).
  void set_enabled(bool enabled) { enabled_ = enabled; }

 private:
  void draw(uint64_t done);
  std::string label_;
  uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace gongkai::io
