// Conversions between dockml's types and LSP JSON (ranges, diagnostics, edits).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/lsp/positions.h"

namespace dockml::lsp {

// JSON-RPC / LSP error codes.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestCancelled = -32800;

nlohmann::json position_json(LspPosition p);
nlohmann::json range_json(LspRange r);
// nullopt when the JSON is not a valid Position/Range (non-negative integers).
std::optional<LspPosition> parse_position(const nlohmann::json& j);
std::optional<LspRange> parse_range(const nlohmann::json& j);

// LSP DiagnosticSeverity: error 1, warning 2, info 3, style 4 (hint). Diagnostics less severe
// than `threshold` become hints.
int lsp_severity(Severity s, std::optional<Severity> threshold = std::nullopt);

// A Diagnostic as LSP JSON. Its span is converted with d.source; labels become
// relatedInformation (each with its own file's URI; `doc_uri` for spans in the file whose
// path is `doc_path`); notes are appended to the message.
nlohmann::json diagnostic_json(const Diagnostic& d, PositionEncoding enc,
                               const std::string& doc_uri, const std::string& doc_path,
                               std::optional<Severity> threshold = std::nullopt);

// TextEdit[] for byte edits in `file`.
nlohmann::json text_edits_json(const SourceFile& file, const std::vector<Edit>& edits,
                               PositionEncoding enc);

}  // namespace dockml::lsp
