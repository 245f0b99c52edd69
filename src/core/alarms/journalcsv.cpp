#include "alarms/journalcsv.h"

namespace fw::csv {

void appendField(QByteArray &out, QStringView field)
{
    const QByteArray utf8 = field.toUtf8();
    const bool quote
        = utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r');
    if (!quote) {
        out += utf8;
        return;
    }
    out += '"';
    for (char c : utf8) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

QByteArray record(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        appendField(out, fields[i]);
    }
    out += '\n';
    return out;
}

Parsed parse(QByteArrayView data)
{
    Parsed parsed;
    Record current;
    QByteArray field;
    bool inQuotes = false;
    bool quoted = false; // the current field began with a quote
    const auto endField = [&] {
        current.fields.append(QString::fromUtf8(field));
        field.clear();
        quoted = false;
    };
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inQuotes) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < data.size() && data[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                inQuotes = false;
            }
            continue;
        }
        if (c == '"' && field.isEmpty() && !quoted) {
            inQuotes = true;
            quoted = true;
        } else if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
            continue;
        } else if (c == ',') {
            endField();
        } else if (c == '\n') {
            endField();
            current.end = i + 1;
            parsed.records.push_back(std::move(current));
            current = Record{};
            current.begin = i + 1;
        } else {
            // A stray quote inside an unquoted field is kept as text rather than refused.
            field += c;
        }
    }
    parsed.incompleteTail = current.begin < data.size();
    parsed.tailInQuotes = inQuotes;
    parsed.tailFields = parsed.incompleteTail ? int(current.fields.size()) + 1 : 0;
    return parsed;
}

} // namespace fw::csv
