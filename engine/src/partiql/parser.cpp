// Recursive descent over the tokens of partiql/lexer.h. Grammar (DynamoDB's subset,
// ../shared/reference/dynamodb-data-plane.md §6.1):
//
//   statement  := (select | insert | update | delete | EXISTS '(' select ')') [';'] END
//   select     := SELECT ('*' | path {',' path}) FROM name ['.' name] [WHERE expr]
//                 [ORDER BY name [ASC|DESC] {',' name [ASC|DESC]}]
//   insert     := INSERT INTO name VALUE value
//   update     := UPDATE name (SET path '=' operand {',' …} | REMOVE path {',' path})+
//                 WHERE expr [returning]
//   delete     := DELETE FROM name WHERE expr [returning]
//   returning  := RETURNING (ALL | MODIFIED) (OLD | NEW) '*'
//   expr       := and {OR and};  and := not {AND not};  not := NOT not | predicate
//   predicate  := operand [op operand | [NOT] BETWEEN operand AND operand
//                 | [NOT] IN ('[' | '(') operand {',' operand} (']' | ')') | IS [NOT] type]
//   operand    := primary {('+' | '-') primary}
//   primary    := value | '?' | MISSING | path | name '(' [operand {',' operand}] ')'
//                 | '(' expr ')'
//   value      := string | number | TRUE | FALSE | NULL | '[' … ']' | '{' string ':' … '}'
//                 | '<<' … '>>'
//
// Messages: the service's detail strings where they are known (DynamoDB Local's
// ValidationExceptionMessages, decompiled in public repositories; the GitHub issues in
// the reference §6.2), followed by the position.

#include "partiql/parser.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "partiql/lexer.h"
#include "partiql/reserved_words.h"
#include "tablespan/error.h"

namespace tablespan::partiql {

std::string path_text(const Path& path) {
    std::string out;
    for (const auto& step : path) {
        if (step.index >= 0)
            out += "[" + std::to_string(step.index) + "]";
        else
            out += (out.empty() ? "" : ".") + step.name;
    }
    return out;
}

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

class Parser {
public:
    Parser(std::string_view text, const Json* parameters)
        : tokens_(tokenize(text)), parameters_(parameters) {}

    Statement statement() {
        Statement s;
        if (keyword("SELECT")) {
            s = select();
        } else if (keyword("INSERT")) {
            s = insert();
        } else if (keyword("UPDATE")) {
            s = update();
        } else if (keyword("DELETE")) {
            s = remove();
        } else if (keyword("EXISTS")) {
            expect_punct("(");
            if (!keyword("SELECT")) unexpected();
            s = select();
            s.kind = Statement::Kind::Exists;
            expect_punct(")");
        } else {
            unexpected();
        }
        punct(";");
        if (peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Word && upper(peek().text) == "LIMIT")
                throw_validation("Unsupported clause: LIMIT");
            unexpected();
        }
        return s;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    const Token& take() {
        const Token& t = peek();
        if (pos_ < tokens_.size() - 1) ++pos_;
        return t;
    }
    bool is_keyword(const Token& t, std::string_view word) const {
        return t.kind == TokenKind::Word && upper(t.text) == word;
    }
    bool keyword(std::string_view word) {
        if (!is_keyword(peek(), word)) return false;
        take();
        return true;
    }
    bool punct(std::string_view p) {
        if (peek().kind != TokenKind::Punct || peek().text != p) return false;
        take();
        return true;
    }
    bool at_punct(std::string_view p, std::size_t ahead = 0) const {
        return peek(ahead).kind == TokenKind::Punct && peek(ahead).text == p;
    }

    [[noreturn]] void fail(const std::string& detail, const Token& at) const {
        throw SyntaxError{detail, at.line, at.column};
    }
    // The service's details for a token where it does not fit.
    [[noreturn]] void unexpected() const {
        const Token& t = peek();
        if (t.kind == TokenKind::End) fail("Unexpected end of statement", t);
        if (t.kind == TokenKind::Word && is_reserved(t.text)) fail("Unexpected keyword", t);
        fail("Unexpected token", t);
    }
    void expect_keyword(std::string_view word) {
        if (!keyword(word)) unexpected();
    }
    void expect_punct(std::string_view p) {
        if (!punct(p)) unexpected();
    }

    // A bare name that is not reserved, or a name in double quotes.
    std::optional<std::string> name() {
        const Token& t = peek();
        if (t.kind == TokenKind::QuotedName ||
            (t.kind == TokenKind::Word && !is_reserved(t.text))) {
            if (t.text.empty()) throw_validation("Path component cannot be an empty string");
            return take().text;
        }
        return std::nullopt;
    }
    std::string expect_name() {
        auto n = name();
        if (!n) unexpected();
        return *n;
    }

    // name {'.' name | '[' integer ']' | '[' string ']'}
    Path path() {
        Path p;
        if (at_punct("[")) throw_validation("A path cannot start with a list index");
        p.push_back(PathStep{expect_name(), -1});
        for (;;) {
            if (punct(".")) {
                if (at_punct("*"))
                    throw_validation("Unpivot path component like a.*.b are not supported");
                p.push_back(PathStep{expect_name(), -1});
            } else if (at_punct("[")) {
                take();
                const Token& t = peek();
                if (t.kind == TokenKind::String) {
                    if (t.text.empty())
                        throw_validation("Path component cannot be an empty string");
                    p.push_back(PathStep{take().text, -1});
                } else if (t.kind == TokenKind::Number &&
                           std::all_of(t.text.begin(), t.text.end(), [](char c) {
                               return std::isdigit(static_cast<unsigned char>(c));
                           })) {
                    if (t.text.size() > 9)
                        throw_validation("List index is not within the allowable range; index: [" +
                                         t.text + "]");
                    p.push_back(PathStep{"", std::stol(take().text)});
                } else if (at_punct("*")) {
                    throw_validation("Wildcard path component like a[*].b are not supported");
                } else {
                    unexpected();
                }
                expect_punct("]");
            } else {
                return p;
            }
        }
    }

    Json next_parameter(const Token& at) {
        if (!parameters_ || !parameters_->is_array() || parameter_ >= parameters_->size())
            throw_validation("Number of parameters in request and statement don't match.");
        (void)at;
        return (*parameters_)[parameter_++];
    }

    // A literal value, or a parameter where `allow_parameter`.
    Json value(bool allow_parameter = true) {
        Depth depth(*this);
        const Token& t = peek();
        if (t.kind == TokenKind::Parameter) {
            if (!allow_parameter)
                throw_validation(
                    "Unsupported data type in Bag. DynamoDB only supports either numbers or "
                    "strings in bags");
            take();
            return next_parameter(t);
        }
        if (t.kind == TokenKind::String) return Json{{"S", take().text}};
        if (t.kind == TokenKind::Number) return Json{{"N", take().text}};
        if (at_punct("-") && peek(1).kind == TokenKind::Number) {
            take();
            return Json{{"N", "-" + take().text}};
        }
        if (keyword("TRUE")) return Json{{"BOOL", true}};
        if (keyword("FALSE")) return Json{{"BOOL", false}};
        if (keyword("NULL")) return Json{{"NULL", true}};
        if (punct("[")) {
            Json list = Json::array();
            if (!punct("]")) {
                do list.push_back(value());
                while (punct(","));
                expect_punct("]");
            }
            return Json{{"L", list}};
        }
        if (punct("{")) {
            Json map = Json::object();
            if (!punct("}")) {
                do {
                    const Token& key = peek();
                    if (key.kind != TokenKind::String) {
                        if (key.kind == TokenKind::End || key.kind == TokenKind::Punct)
                            unexpected();
                        throw_validation(
                            "Tuple keys must be of type String. Actual type: " +
                            std::string(key.kind == TokenKind::Number ? "DECIMAL" : "SYMBOL") +
                            " under item");
                    }
                    std::string k = take().text;
                    expect_punct(":");
                    if (map.contains(k))
                        throw_validation("Duplicate keys in tuple. Key: " + k + " under item");
                    map[k] = value();
                } while (punct(","));
                expect_punct("}");
            }
            return Json{{"M", map}};
        }
        if (punct("<<")) return bag();
        unexpected();
    }

    // << v, … >>: a string, number or binary set.
    Json bag() {
        if (punct(">>")) throw_validation("Empty bags are not supported");
        Json elements = Json::array();
        std::string type;
        do {
            Json v = value(false);
            const std::string t = v.begin().key();
            if (t != "S" && t != "N" && t != "B")
                throw_validation(
                    "Unsupported data type in Bag. DynamoDB only supports either numbers or "
                    "strings in bags");
            if (!type.empty() && t != type)
                throw_validation(
                    "Unsupported data type in Bag. DynamoDB only supports either numbers or "
                    "strings in bags");
            type = t;
            if (std::find(elements.begin(), elements.end(), v.begin().value()) != elements.end())
                throw_validation("Input collection contains duplicates");
            elements.push_back(v.begin().value());
        } while (punct(","));
        expect_punct(">>");
        return Json{{type + "S", elements}};
    }

    std::shared_ptr<Expr> make(Expr::Kind kind, const Token& at) {
        auto e = std::make_shared<Expr>();
        e->kind = kind;
        e->line = at.line;
        e->column = at.column;
        return e;
    }

    ExprPtr expr() {
        Depth depth(*this);
        ExprPtr left = conjunction();
        while (is_keyword(peek(), "OR")) {
            const Token& at = take();
            auto e = make(Expr::Kind::Or, at);
            e->args = {left, conjunction()};
            left = e;
        }
        return left;
    }
    ExprPtr conjunction() {
        ExprPtr left = negation();
        while (is_keyword(peek(), "AND")) {
            const Token& at = take();
            auto e = make(Expr::Kind::And, at);
            e->args = {left, negation()};
            left = e;
        }
        return left;
    }
    ExprPtr negation() {
        Depth depth(*this);
        if (is_keyword(peek(), "NOT")) {
            const Token& at = take();
            auto e = make(Expr::Kind::Not, at);
            e->args = {negation()};
            return e;
        }
        return predicate();
    }

    ExprPtr predicate() {
        const Token& start = peek();
        ExprPtr left = operand();
        const Token& t = peek();
        static const std::set<std::string, std::less<>> kCompare = {"=",  "<>", "!=", "<",
                                                                    "<=", ">",  ">="};
        if (t.kind == TokenKind::Punct && kCompare.count(t.text)) {
            take();
            auto e = make(Expr::Kind::Compare, t);
            e->op = t.text == "!=" ? "<>" : t.text;
            e->args = {left, operand()};
            return e;
        }
        bool negated = false;
        if (is_keyword(t, "NOT") && (is_keyword(peek(1), "BETWEEN") || is_keyword(peek(1), "IN"))) {
            take();
            negated = true;
        }
        if (keyword("BETWEEN")) {
            auto e = make(Expr::Kind::Between, start);
            e->negated = negated;
            ExprPtr low = operand();
            expect_keyword("AND");
            e->args = {left, low, operand()};
            return e;
        }
        if (keyword("IN")) {
            auto e = make(Expr::Kind::In, start);
            e->negated = negated;
            e->args = {left};
            const bool bracket = at_punct("[");
            if (!bracket && !at_punct("("))
                throw_validation(
                    "IN operator must have a left hand argument of type Variable Reference and "
                    "right hand argument of type Seq with at least one member");
            take();
            if (at_punct(bracket ? "]" : ")"))
                throw_validation(
                    "IN operator must have a left hand argument of type Variable Reference and "
                    "right hand argument of type Seq with at least one member");
            do e->args.push_back(operand());
            while (punct(","));
            expect_punct(bracket ? "]" : ")");
            return e;
        }
        if (keyword("IS")) {
            auto e = make(Expr::Kind::Is, start);
            e->negated = keyword("NOT");
            const Token& type = peek();
            if (type.kind != TokenKind::Word) unexpected();
            e->op = upper(take().text);
            e->args = {left};
            return e;
        }
        return left;
    }

    ExprPtr operand() {
        ExprPtr left = primary();
        while ((at_punct("+") || at_punct("-"))) {
            const Token& at = take();
            auto e = make(Expr::Kind::Arithmetic, at);
            e->op = at.text;
            e->args = {left, primary()};
            left = e;
        }
        return left;
    }

    ExprPtr primary() {
        const Token& t = peek();
        if (punct("(")) {
            ExprPtr inner = expr();
            expect_punct(")");
            return inner;
        }
        if (keyword("MISSING")) return make(Expr::Kind::Missing, t);
        // A function call: any word (reserved or not, e.g. size) followed by '('.
        if (t.kind == TokenKind::Word && at_punct("(", 1) && !is_keyword(t, "EXISTS")) {
            auto e = make(Expr::Kind::Call, t);
            e->op = take().text;
            for (auto& c : e->op)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            take();
            if (!punct(")")) {
                do e->args.push_back(operand());
                while (punct(","));
                expect_punct(")");
            }
            return e;
        }
        if (t.kind == TokenKind::QuotedName ||
            (t.kind == TokenKind::Word && !is_reserved(t.text))) {
            auto e = make(Expr::Kind::Path, t);
            e->path = path();
            return e;
        }
        auto e = make(Expr::Kind::Value, t);
        e->value = value();
        return e;
    }

    void from(Statement& s) {
        s.table = expect_name();
        if (punct(".")) {
            s.index = expect_name();
            if (at_punct("."))
                throw_validation("A path may contain at most 2 components in the FROM clause");
        }
    }

    Statement select() {
        Statement s;
        s.kind = Statement::Kind::Select;
        if (punct("*")) {
            if (at_punct(","))
                throw_validation(
                    "Other attributes should not be present in the projection when '*' is used.");
        } else {
            s.select_all = false;
            do {
                if (at_punct("*"))
                    throw_validation(
                        "Other attributes should not be present in the projection when '*' is "
                        "used.");
                s.projection.push_back(path());
                if (is_keyword(peek(), "AS")) throw_validation("Aliasing is not supported");
            } while (punct(","));
        }
        expect_keyword("FROM");
        from(s);
        if (at_punct(","))
            throw_validation("Only select from a single table or index is supported.");
        if (keyword("WHERE")) s.where = expr();
        if (keyword("ORDER")) {
            expect_keyword("BY");
            do {
                const Token& at = peek();
                auto n = name();
                if (!n)
                    throw_validation(
                        "Argument to ORDER BY must be of type VariableReference. Type: " +
                        std::string(at.kind == TokenKind::Word ? "Lit" : "Expr"));
                OrderKey k{*n, false};
                if (keyword("DESC"))
                    k.descending = true;
                else
                    keyword("ASC");
                s.order_by.push_back(k);
            } while (punct(","));
        }
        if (is_keyword(peek(), "GROUP")) throw_validation("Unsupported clause: GROUP BY");
        return s;
    }

    Statement insert() {
        Statement s;
        s.kind = Statement::Kind::Insert;
        expect_keyword("INTO");
        s.table = expect_name();
        expect_keyword("VALUE");
        if (at_punct("<<") || at_punct("["))
            throw_validation(
                "Unsupported operation: Inserting multiple items in a single statement is not "
                "supported, use \"INSERT INTO tableName VALUE item\" instead");
        const Token& at = peek();
        Json item = value();
        if (!item.contains("M"))
            throw_validation(
                "Unsupported format in item expression. Please use struct format {...} to "
                "express item values for insert statement.");
        (void)at;
        s.item = item["M"];
        if (is_keyword(peek(), "RETURNING"))
            throw_validation("RETURNING is not supported in INSERT");
        return s;
    }

    void returning(Statement& s) {
        if (!keyword("RETURNING")) return;
        std::string which;
        if (keyword("ALL"))
            which = "ALL";
        else if (keyword("MODIFIED"))
            which = "MODIFIED";
        else
            unexpected();
        if (keyword("OLD"))
            which += " OLD";
        else if (keyword("NEW"))
            which += " NEW";
        else
            unexpected();
        if (!punct("*"))
            throw_validation(
                "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
        if (at_punct(","))
            throw_validation("Invalid syntax with multiple returning elements in RETURNING clause");
        s.returning = which;
    }

    Statement update() {
        Statement s;
        s.kind = Statement::Kind::Update;
        s.table = expect_name();
        bool any = false;
        for (;;) {
            if (keyword("SET")) {
                do {
                    Assignment a;
                    a.path = path();
                    expect_punct("=");
                    a.value = operand();
                    s.updates.push_back(std::move(a));
                } while (punct(","));
            } else if (keyword("REMOVE")) {
                do s.updates.push_back(Assignment{path(), nullptr});
                while (punct(","));
            } else {
                break;
            }
            any = true;
        }
        if (!any) {
            if (peek().kind == TokenKind::End) unexpected();
            fail("Expected data manipulation", peek());
        }
        if (!keyword("WHERE"))
            throw_validation(
                "Where clause does not contain a mandatory equality on all key attributes");
        s.where = expr();
        returning(s);
        return s;
    }

    Statement remove() {
        Statement s;
        s.kind = Statement::Kind::Delete;
        expect_keyword("FROM");
        s.table = expect_name();
        if (!keyword("WHERE"))
            throw_validation(
                "Where clause does not contain a mandatory equality on all key attributes");
        s.where = expr();
        returning(s);
        if (!s.returning.empty() && s.returning != "ALL OLD")
            throw_validation("Invalid returning clause: RETURNING " + s.returning +
                             " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
        return s;
    }

    // Nesting (parentheses, NOT, lists and maps) is bounded, so that a statement of
    // 8192 brackets cannot exhaust the stack of the recursive descent.
    static constexpr int kMaxDepth = 200;
    struct Depth {
        Depth(Parser& p) : parser(p) {
            if (++parser.depth_ > kMaxDepth)
                parser.fail("Expression nesting exceeds " + std::to_string(kMaxDepth) + " levels",
                            parser.peek());
        }
        ~Depth() { --parser.depth_; }
        Parser& parser;
    };

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    const Json* parameters_;
    std::size_t parameter_ = 0;
};

}  // namespace

Statement parse(std::string_view text, const Json* parameters) {
    try {
        return Parser(text, parameters).statement();
    } catch (const SyntaxError& e) {
        throw_validation("Statement wasn't well formed, can't be processed: " + e.detail +
                         " at line " + std::to_string(e.line) + ", column " +
                         std::to_string(e.column));
    }
}

}  // namespace tablespan::partiql
