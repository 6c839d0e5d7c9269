//! The OpenAPI 3 description of the API, written by hand.

use serde_json::{json, Value};

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    })
}

fn query_param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

/// The OpenAPI document served at `/openapi.json`.
pub fn document() -> Value {
    let string = json!({"type": "string"});
    let id_param =
        json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let bearer = json!([{"bearer": []}]);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "tracuu",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Vietnamese news search. Query text and facet values may be typed with or without diacritics."
        },
        "paths": {
            "/api/search": {"get": {
                "summary": "Search articles",
                "parameters": [
                    query_param("q", "query: words, \"phrases\", -exclude, field:value (at most 1000 characters)", string.clone()),
                    query_param("province", "province at publication", string.clone()),
                    query_param("province_2025", "province after the 2025 merger", string.clone()),
                    query_param("from", "from date, inclusive (YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY)", string.clone()),
                    query_param("to", "to date, inclusive", string.clone()),
                    query_param("program", "programme id or name", string.clone()),
                    query_param("document", "document code in any spelling", string.clone()),
                    query_param("document_type", "type of a referenced document (Nghị quyết, nghi quyet, …)", string.clone()),
                    query_param("sort", "order of hits", json!({"type": "string", "enum": ["relevance", "date"], "default": "relevance"})),
                    query_param("limit", "page size", json!({"type": "integer", "minimum": 0, "maximum": 100, "default": 10})),
                    query_param("offset", "hits skipped", json!({"type": "integer", "minimum": 0, "maximum": 10000, "default": 0}))
                ],
                "responses": {
                    "200": {"description": "a page of hits", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
                    "400": error_response("bad parameter or query syntax"),
                    "503": error_response("overloaded"),
                    "504": error_response("timed out")
                }
            }},
            "/api/documents": {"post": {
                "summary": "Add or replace an article (visible to searches on return)",
                "security": bearer.clone(),
                "parameters": [query_param("id", "document id, required for text/plain and text/html bodies", string.clone())],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ArticleInput"}},
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}}
                }},
                "responses": {
                    "201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WriteReply"}}}},
                    "200": {"description": "replaced an article with the same id", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WriteReply"}}}},
                    "400": error_response("bad article"),
                    "401": error_response("no bearer key"),
                    "403": error_response("wrong key, or writes disabled (no --api-key-file)"),
                    "413": error_response("body above 2 MB"),
                    "415": error_response("unsupported content type")
                }
            }},
            "/api/documents/{id}": {
                "get": {
                    "summary": "One article with its body",
                    "parameters": [id_param.clone()],
                    "responses": {
                        "200": {"description": "the article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hit"}}}},
                        "404": error_response("unknown id")
                    }
                },
                "delete": {
                    "summary": "Delete an article (gone from searches on return)",
                    "security": bearer,
                    "parameters": [id_param.clone()],
                    "responses": {
                        "200": {"description": "deleted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WriteReply"}}}},
                        "401": error_response("no bearer key"),
                        "403": error_response("wrong key, or writes disabled"),
                        "404": error_response("unknown id")
                    }
                }
            },
            "/api/documents/{id}/similar": {"get": {
                "summary": "Related coverage of the article's topic; near-duplicates listed apart",
                "parameters": [id_param, query_param("limit", "hits per list", json!({"type": "integer", "minimum": 0, "maximum": 100, "default": 5}))],
                "responses": {
                    "200": {"description": "related articles", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "similar": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                            "near_duplicates": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}
                        }
                    }}}},
                    "400": error_response("bad limit"),
                    "404": error_response("unknown id")
                }
            }},
            "/api/suggest": {"get": {
                "summary": "Completions of a prefix typed with or without diacritics",
                "parameters": [query_param("q", "the prefix", string.clone())],
                "responses": {"200": {"description": "completions", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "q": {"type": "string"},
                        "completions": {"type": "array", "items": {"type": "string"}},
                        "restored": {"type": "string", "nullable": true, "description": "the input with diacritics restored, when typed without any"}
                    }
                }}}}}
            }},
            "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {"200": {"description": "text exposition format", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
                "WriteReply": {"type": "object", "properties": {"id": {"type": "string"}, "status": {"type": "string", "enum": ["created", "updated", "deleted"]}}},
                "ArticleInput": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}, "lead": {"type": "string"},
                    "body": {"type": "string"}, "url": {"type": "string"},
                    "published": {"type": "string", "description": "RFC 3339 or YYYY-MM-DD"},
                    "author": {"type": "string"}, "source": {"type": "string"}
                }},
                "FacetCount": {"type": "object", "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}},
                "Hit": {"type": "object", "properties": {
                    "id": {"type": "string"}, "score": {"type": "number"}, "title": {"type": "string"},
                    "published": {"type": "string", "format": "date-time", "nullable": true},
                    "author": {"type": "string", "nullable": true}, "source": {"type": "string", "nullable": true},
                    "source_url": {"type": "string", "nullable": true},
                    "province": {"type": "string", "nullable": true}, "province_2025": {"type": "string", "nullable": true},
                    "programs": {"type": "array", "items": {"type": "string"}},
                    "documents": {"type": "array", "items": {"type": "object", "properties": {
                        "type": {"type": "string"}, "code": {"type": "string", "nullable": true},
                        "number": {"type": "string", "nullable": true}, "issuer": {"type": "string", "nullable": true}
                    }}},
                    "snippet": {"type": "string", "description": "HTML: matched words in <b>, other text escaped"},
                    "body": {"type": "string", "description": "GET /api/documents/{id} only"}
                }},
                "SearchResponse": {"type": "object", "properties": {
                    "query": {"type": "string"}, "total": {"type": "integer"}, "took_ms": {"type": "number"},
                    "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                    "facets": {"type": "object", "properties": {
                        "province": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "province_2025": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "year": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "program": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "document_type": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}}
                    }},
                    "histogram": {"type": "array", "items": {"type": "object", "properties": {
                        "month": {"type": "string", "example": "2021-11"}, "count": {"type": "integer"}
                    }}},
                    "suggestion": {"type": "string", "description": "the query with diacritics restored, when typed without any and restoring changes it (did you mean)"}
                }}
            }
        }
    })
}
