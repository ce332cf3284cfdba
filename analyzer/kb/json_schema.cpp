#include "analyzer/kb/json_schema.h"

#include <re2/re2.h>

#include <map>
#include <memory>

#include <fmt/format.h>

namespace dockml {
namespace {

using nlohmann::json;

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "unknown";
  }
}

bool has_type(const json& v, const std::string& t) {
  std::string actual = type_name(v);
  if (t == actual) return true;
  return t == "number" && actual == "integer";
}

// JSON pointer escaping (RFC 6901).
std::string escape_token(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

class Validator {
 public:
  Validator(const json& root, size_t max_errors) : root_(root), max_errors_(max_errors) {}

  void check(const json& schema, const json& doc, const std::string& ptr, int depth) {
    if (errors_.size() >= max_errors_) return;
    if (depth > 64) {
      add(ptr, "schema nesting too deep");
      return;
    }
    if (!schema.is_object()) return;
    if (auto it = schema.find("$ref"); it != schema.end() && it->is_string()) {
      const json* target = resolve(it->get<std::string>());
      if (!target) {
        add(ptr, fmt::format("schema $ref {} does not resolve", it->get<std::string>()));
        return;
      }
      check(*target, doc, ptr, depth + 1);
    }
    if (auto it = schema.find("type"); it != schema.end()) {
      bool ok = false;
      std::string expected;
      if (it->is_string()) {
        ok = has_type(doc, it->get<std::string>());
        expected = it->get<std::string>();
      } else if (it->is_array()) {
        for (const auto& t : *it) {
          if (t.is_string() && has_type(doc, t.get<std::string>())) ok = true;
          if (!expected.empty()) expected += " or ";
          expected += t.is_string() ? t.get<std::string>() : "?";
        }
      }
      if (!ok) {
        add(ptr, fmt::format("expected {}, got {}", expected, type_name(doc)));
        return;
      }
    }
    if (auto it = schema.find("enum"); it != schema.end() && it->is_array()) {
      bool found = false;
      for (const auto& e : *it) found = found || e == doc;
      if (!found) add(ptr, fmt::format("value {} is not one of {}", doc.dump(), it->dump()));
    }
    if (doc.is_string()) check_string(schema, doc.get_ref<const std::string&>(), ptr);
    if (doc.is_number()) {
      if (auto it = schema.find("minimum"); it != schema.end() && it->is_number() &&
                                            doc.get<double>() < it->get<double>()) {
        add(ptr, fmt::format("{} is below the minimum {}", doc.dump(), it->dump()));
      }
    }
    if (doc.is_array()) check_array(schema, doc, ptr, depth);
    if (doc.is_object()) check_object(schema, doc, ptr, depth);
  }

  std::vector<SchemaViolation> take() { return std::move(errors_); }

 private:
  void add(const std::string& ptr, std::string message) {
    if (errors_.size() < max_errors_) errors_.push_back({ptr, std::move(message)});
  }

  const json* resolve(const std::string& ref) {
    if (!ref.starts_with("#/")) return nullptr;
    try {
      const json& target = root_.at(json::json_pointer(ref.substr(1)));
      return &target;
    } catch (const json::exception&) {
      return nullptr;
    }
  }

  void check_string(const json& schema, const std::string& s, const std::string& ptr) {
    auto it = schema.find("pattern");
    if (it == schema.end() || !it->is_string()) return;
    const std::string& pattern = it->get_ref<const std::string&>();
    auto& re = patterns_[pattern];
    if (!re) {
      RE2::Options options;
      options.set_log_errors(false);
      re = std::make_unique<RE2>(pattern, options);
    }
    if (!re->ok()) {
      add(ptr, fmt::format("schema pattern {} is invalid", pattern));
      return;
    }
    if (!RE2::PartialMatch(s, *re)) {
      add(ptr, fmt::format("\"{}\" does not match the pattern {}", s, pattern));
    }
  }

  void check_array(const json& schema, const json& doc, const std::string& ptr, int depth) {
    if (auto it = schema.find("minItems"); it != schema.end() && it->is_number_unsigned() &&
                                           doc.size() < it->get<size_t>()) {
      add(ptr, fmt::format("expected at least {} item(s), got {}", it->get<size_t>(), doc.size()));
    }
    if (auto it = schema.find("items"); it != schema.end() && it->is_object()) {
      for (size_t i = 0; i < doc.size(); ++i) {
        check(*it, doc[i], ptr + "/" + std::to_string(i), depth + 1);
      }
    }
  }

  void check_object(const json& schema, const json& doc, const std::string& ptr, int depth) {
    const json* props = nullptr;
    if (auto it = schema.find("properties"); it != schema.end() && it->is_object()) props = &*it;
    if (auto it = schema.find("required"); it != schema.end() && it->is_array()) {
      for (const auto& name : *it) {
        if (name.is_string() && !doc.contains(name.get<std::string>())) {
          add(ptr, fmt::format("missing required property \"{}\"", name.get<std::string>()));
        }
      }
    }
    auto extra = schema.find("additionalProperties");
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      std::string child = ptr + "/" + escape_token(it.key());
      if (props && props->contains(it.key())) {
        check((*props)[it.key()], it.value(), child, depth + 1);
      } else if (extra != schema.end()) {
        if (extra->is_boolean() && !extra->get<bool>()) {
          add(ptr, fmt::format("unknown property \"{}\"", it.key()));
        } else if (extra->is_object()) {
          check(*extra, it.value(), child, depth + 1);
        }
      }
    }
  }

  const json& root_;
  size_t max_errors_;
  std::vector<SchemaViolation> errors_;
  std::map<std::string, std::unique_ptr<RE2>> patterns_;
};

}  // namespace

std::vector<SchemaViolation> validate_json_schema(const json& root, const json& schema,
                                                  const json& doc, size_t max_errors) {
  Validator v(root, max_errors);
  v.check(schema, doc, "", 0);
  return v.take();
}

}  // namespace dockml
