#include "analyzer/shell/parse_cache.h"

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dockml::shell {

namespace {

thread_local ParseCache* current = nullptr;

// A variable the parse asked for and what it got.
struct Looked {
  std::string name;
  VarValue::State state;
  std::string value;
};

// Passes lookups through to `inner`, writing down each name once.
class RecordingLookup final : public VarLookup {
 public:
  explicit RecordingLookup(const VarLookup& inner) : inner_(inner) {}
  VarValue get(std::string_view name) const override {
    VarValue v = inner_.get(name);
    bool seen = false;
    for (const Looked& l : looked_) seen = seen || l.name == name;
    if (!seen) looked_.push_back({std::string(name), v.state, std::string(v.value)});
    return v;
  }
  std::vector<Looked> take() { return std::move(looked_); }

 private:
  const VarLookup& inner_;
  mutable std::vector<Looked> looked_;
};

bool same_values(const std::vector<Looked>& looked, const VarLookup* vars) {
  if (vars == nullptr) return looked.empty();
  for (const Looked& l : looked) {
    VarValue v = vars->get(l.name);
    if (v.state != l.state || v.value != l.value) return false;
  }
  return true;
}

template <typename T>
void put(std::string& key, T value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// Everything but the variables that decides the parse, with source offsets made relative
// to the script's first byte.
std::string make_key(const LogicalText& text, const ShellOptions& options, uint16_t context, uint32_t base) {
  std::string key;
  key.reserve(text.text.size() + 12 * text.segments.size() + 64);
  put(key, context);
  put(key, options.max_commands);
  put(key, options.max_bytes);
  put(key, static_cast<char>(options.vars != nullptr));
  put(key, static_cast<uint32_t>(options.shell.size()));
  for (const std::string& s : options.shell) {
    put(key, static_cast<uint32_t>(s.size()));
    key += s;
  }
  put(key, static_cast<uint32_t>(text.segments.size()));
  for (const LogicalText::Segment& s : text.segments) {
    put(key, s.logical_begin);
    put(key, s.source_begin - base);
    put(key, s.length);
  }
  key += text.text;
  return key;
}

uint32_t moved(uint32_t offset, int64_t delta) { return static_cast<uint32_t>(offset + delta); }

void shift(Span& span, int64_t delta) {
  span.begin = moved(span.begin, delta);
  span.end = moved(span.end, delta);
}

}  // namespace

struct ParseCache::Impl {
  struct Entry {
    std::string key;
    std::vector<Looked> looked;
    ShellScript script;
    uint32_t base = 0;  // source offset of the script's first byte when it was parsed
  };
  using List = std::list<Entry>;

  explicit Impl(size_t max) : max_entries(max == 0 ? 1 : max) {}

  // The entry for `key` whose variables still have their values, moved to the front.
  const Entry* find(const std::string& key, const VarLookup* vars) {
    auto it = index.find(key);
    if (it == index.end()) return nullptr;
    for (List::iterator e : it->second) {
      if (!same_values(e->looked, vars)) continue;
      lru.splice(lru.begin(), lru, e);
      return &*e;
    }
    return nullptr;
  }

  void insert(Entry entry) {
    lru.push_front(std::move(entry));
    index[lru.front().key].push_back(lru.begin());
    while (lru.size() > max_entries) {
      List::iterator last = std::prev(lru.end());
      auto it = index.find(last->key);
      std::erase(it->second, last);
      if (it->second.empty()) index.erase(it);
      lru.erase(last);
    }
  }

  size_t max_entries;
  mutable std::mutex mu;
  List lru;  // most recently used first
  std::unordered_map<std::string, std::vector<List::iterator>> index;
  uint64_t hits = 0;
  uint64_t misses = 0;
};

ParseCache::ParseCache(size_t max_entries) : impl_(std::make_unique<Impl>(max_entries)) {}
ParseCache::~ParseCache() = default;

ShellScript ParseCache::parse(const LogicalText& text, const ShellOptions& options, uint16_t context,
                              const Parser& parse) {
  uint32_t base = text.segments.empty() ? 0 : text.segments.front().source_begin;
  std::string key = make_key(text, options, context, base);
  {
    std::lock_guard lock(impl_->mu);
    if (const Impl::Entry* e = impl_->find(key, options.vars)) {
      ++impl_->hits;
      ShellScript out = e->script;
      shift_spans(out, static_cast<int64_t>(base) - static_cast<int64_t>(e->base));
      return out;
    }
    ++impl_->misses;
  }
  ShellOptions recorded = options;
  std::optional<RecordingLookup> lookup;
  if (options.vars != nullptr) {
    lookup.emplace(*options.vars);
    recorded.vars = &*lookup;
  }
  ShellScript out = parse(text, recorded);
  if (out.status == ScriptStatus::kTimeout) return out;  // depends on the machine's speed
  Impl::Entry entry{std::move(key), lookup ? lookup->take() : std::vector<Looked>{}, out, base};
  std::lock_guard lock(impl_->mu);
  impl_->insert(std::move(entry));
  return out;
}

size_t ParseCache::size() const {
  std::lock_guard lock(impl_->mu);
  return impl_->lru.size();
}

uint64_t ParseCache::hits() const {
  std::lock_guard lock(impl_->mu);
  return impl_->hits;
}

uint64_t ParseCache::misses() const {
  std::lock_guard lock(impl_->mu);
  return impl_->misses;
}

ScopedParseCache::ScopedParseCache(ParseCache* cache) : previous_(current) { current = cache; }
ScopedParseCache::~ScopedParseCache() { current = previous_; }

ParseCache* current_parse_cache() { return current; }

void shift_spans(ShellScript& script, int64_t delta) {
  if (delta == 0) return;
  for (LogicalText::Segment& s : script.segments_) s.source_begin = moved(s.source_begin, delta);
  for (Span& s : script.syntax_errors) shift(s, delta);
  for (ShellCommand& c : script.commands) {
    shift(c.span, delta);
    for (ShellWord& w : c.assignments) shift(w.span, delta);
    for (ShellWord& w : c.argv) shift(w.span, delta);
    for (Redirect& r : c.redirects) shift(r.target.span, delta);
  }
  for (ShellExport& e : script.exports) shift(e.word.span, delta);
}

}  // namespace dockml::shell
