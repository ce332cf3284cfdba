#include "analyzer/dockerfile/ast.h"

#include <algorithm>
#include <array>

namespace dockml {

namespace {

struct KindName {
  InstructionKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 18> kKinds = {{
    {InstructionKind::kAdd, "ADD"},
    {InstructionKind::kArg, "ARG"},
    {InstructionKind::kCmd, "CMD"},
    {InstructionKind::kCopy, "COPY"},
    {InstructionKind::kEntrypoint, "ENTRYPOINT"},
    {InstructionKind::kEnv, "ENV"},
    {InstructionKind::kExpose, "EXPOSE"},
    {InstructionKind::kFrom, "FROM"},
    {InstructionKind::kHealthcheck, "HEALTHCHECK"},
    {InstructionKind::kLabel, "LABEL"},
    {InstructionKind::kMaintainer, "MAINTAINER"},
    {InstructionKind::kOnbuild, "ONBUILD"},
    {InstructionKind::kRun, "RUN"},
    {InstructionKind::kShell, "SHELL"},
    {InstructionKind::kStopsignal, "STOPSIGNAL"},
    {InstructionKind::kUser, "USER"},
    {InstructionKind::kVolume, "VOLUME"},
    {InstructionKind::kWorkdir, "WORKDIR"},
}};

}  // namespace

std::string_view instruction_name(InstructionKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "";
}

InstructionKind instruction_kind(std::string_view keyword) {
  // Go's strings.ToLower maps U+0130 (İ) to 'i' and U+212A (Kelvin sign) to 'k', so
  // BuildKit accepts those spellings too.
  std::string upper;
  upper.reserve(keyword.size());
  for (size_t i = 0; i < keyword.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(keyword[i]);
    if (c < 0x80) {
      upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
    } else if (keyword.substr(i, 2) == "\xC4\xB0") {
      upper.push_back('I');
      i += 1;
    } else if (keyword.substr(i, 3) == "\xE2\x84\xAA") {
      upper.push_back('K');
      i += 2;
    } else {
      return InstructionKind::kUnknown;
    }
  }
  for (const auto& k : kKinds) {
    if (k.name == upper) return k.kind;
  }
  return InstructionKind::kUnknown;
}

uint32_t LogicalText::source_offset(uint32_t logical_offset) const {
  if (segments.empty()) return 0;
  auto it = std::upper_bound(
      segments.begin(), segments.end(), logical_offset,
      [](uint32_t off, const Segment& s) { return off < s.logical_begin; });
  if (it == segments.begin()) return segments.front().source_begin;
  --it;
  uint32_t delta = logical_offset - it->logical_begin;
  if (delta > it->length) delta = it->length;
  return it->source_begin + delta;
}

Span LogicalText::to_source(uint32_t logical_begin, uint32_t logical_end) const {
  if (logical_end <= logical_begin) {
    uint32_t at = source_offset(logical_begin);
    return Span{at, at};
  }
  uint32_t b = source_offset(logical_begin);
  uint32_t e = source_offset(logical_end - 1) + 1;
  if (e < b) e = b;
  return Span{b, e};
}

const Flag* Instruction::find_flag(std::string_view name) const {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace dockml
