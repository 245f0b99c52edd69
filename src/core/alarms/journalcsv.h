#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>
#include <QStringView>

#include <vector>

// The journal's CSV dialect: RFC 4180 with ',' and '\n'. Fields holding a comma, a quote or a line
// break are quoted, quotes doubled; a quoted field may span lines.
namespace fw::csv {

// Appends one field to a record under construction (without the separator).
void appendField(QByteArray &out, QStringView field);
// One record: the fields, separated and terminated by '\n'.
[[nodiscard]] QByteArray record(const QStringList &fields);

struct Record
{
    QStringList fields;
    qsizetype begin = 0; // byte range of the record in the parsed data, its '\n' included
    qsizetype end = 0;
};

struct Parsed
{
    std::vector<Record> records;
    // The data ended inside a record: a write cut short by a crash. The tail is not a record.
    bool incompleteTail = false;
    bool tailInQuotes = false; // ... and inside a quoted field
    int tailFields = 0;        // ... with this many fields begun, the cut one included
};

// Splits data into complete records. A '\r' before a '\n' is dropped, so files edited on Windows
// still read.
[[nodiscard]] Parsed parse(QByteArrayView data);

} // namespace fw::csv
