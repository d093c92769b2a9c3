package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// This file parses and validates customer import files. It never prints a
// value from the file: values are PII, so errors name the line and field.

// maxImportLine caps one JSONL line, like the API caps a request body.
const maxImportLine = 1 << 20

// rowError is a problem with one line of an import file.
type rowError struct {
	Line    int
	Field   string // "" when the whole line is at fault
	Message string
}

func (e rowError) String() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return fmt.Sprintf("line %d: field %s: %s", e.Line, e.Field, e.Message)
}

// importErrors is every bad row of a file. Nothing is imported when a file
// has any.
type importErrors []rowError

func (es importErrors) Error() string {
	lines := make([]string, 0, len(es)+1)
	lines = append(lines, fmt.Sprintf("%d bad row(s); nothing was imported:", len(es)))
	for _, e := range es {
		lines = append(lines, e.String())
	}
	return strings.Join(lines, "\n")
}

// readImportFile parses a .csv or .jsonl (also .ndjson) file and validates
// every row. encoding is an --encoding value (see decodeImportText). It
// returns the customers and the encoding the file was read in, or
// importErrors listing every bad row (or the first line not valid in the
// encoding), or another error if the file cannot be read.
// Phones without a country code are read as numbers of phoneRegion (the
// --default-region, "" to refuse them).
func readImportFile(path, encoding string, now time.Time, phoneRegion string) ([]*proofdesk.Customer, string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".jsonl" && ext != ".ndjson" {
		return nil, "", fmt.Errorf("%s: the file name must end in .csv or .jsonl", filepath.Base(path))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return parseImportData(path, b, encoding, now, phoneRegion)
}

// parseImportData is readImportFile for a file's bytes (the console's
// upload): the same encodings, validation and row errors.
func parseImportData(name string, b []byte, encoding string, now time.Time, phoneRegion string) ([]*proofdesk.Customer, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".jsonl" && ext != ".ndjson" {
		return nil, "", fmt.Errorf("%s: the file name must end in .csv or .jsonl", filepath.Base(name))
	}
	text, used, err := decodeImportText(b, encoding)
	if err != nil {
		return nil, "", err
	}
	var customers []*proofdesk.Customer
	if ext == ".csv" {
		customers, err = parseCSVCustomers(bytes.NewReader(text), now, phoneRegion)
	} else {
		customers, err = parseJSONLCustomers(bytes.NewReader(text), now, phoneRegion)
	}
	return customers, used, err
}

// importCheck collects validated customers and row errors, and catches
// external IDs repeated within the file.
type importCheck struct {
	now       time.Time
	region    string // phone region of national numbers
	customers []*proofdesk.Customer
	errs      importErrors
	extIDs    map[string]int
}

func newImportCheck(now time.Time, phoneRegion string) *importCheck {
	return &importCheck{now: now, region: phoneRegion, extIDs: map[string]int{}}
}

// add validates in (from the given line) through the same code as the API.
// mapField renames domain field names to the file's column names.
func (ic *importCheck) add(line int, in *proofdesk.CustomerInput, mapField func(string) string) {
	in.PhoneRegion = ic.region
	c, err := in.Customer(ic.now)
	if err != nil {
		field := ""
		var pe *proofdesk.Error
		if errors.As(err, &pe) {
			field = pe.Field
		}
		if mapField != nil {
			field = mapField(field)
		}
		ic.errs = append(ic.errs, rowError{Line: line, Field: field, Message: proofdesk.ErrorMessage(err)})
		return
	}
	if c.ExternalID != "" {
		if first, ok := ic.extIDs[c.ExternalID]; ok {
			ic.errs = append(ic.errs, rowError{Line: line, Field: "external_id", Message: fmt.Sprintf("same external_id as line %d", first)})
			return
		}
		ic.extIDs[c.ExternalID] = line
	}
	ic.customers = append(ic.customers, c)
}

func (ic *importCheck) result() ([]*proofdesk.Customer, error) {
	if len(ic.errs) > 0 {
		return nil, ic.errs
	}
	if len(ic.customers) == 0 {
		return nil, errors.New("the file holds no customers")
	}
	return ic.customers, nil
}

// parseJSONLCustomers reads one proofdesk.CustomerInput JSON object per
// line; blank lines are skipped.
func parseJSONLCustomers(r io.Reader, now time.Time, phoneRegion string) ([]*proofdesk.Customer, error) {
	ic := newImportCheck(now, phoneRegion)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxImportLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var in proofdesk.CustomerInput
		if field, msg := decodeCustomerJSON(b, &in); msg != "" {
			ic.errs = append(ic.errs, rowError{Line: line, Field: field, Message: msg})
			continue
		}
		ic.add(line, &in, nil)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		// The scanner cannot go on past an over-long line.
		ic.errs = append(ic.errs, rowError{Line: line + 1, Message: fmt.Sprintf("line is longer than %d bytes; the file was not read further", maxImportLine)})
	} else if err != nil {
		return nil, fmt.Errorf("read line %d: %w", line+1, err)
	}
	return ic.result()
}

// decodeCustomerJSON decodes one customer object strictly (unknown fields
// are errors). On failure it returns the field at fault and a message that
// never quotes the input.
func decodeCustomerJSON(b []byte, in *proofdesk.CustomerInput) (field, msg string) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(in)
	if err == nil {
		if dec.More() {
			return "", "more than one JSON value on the line"
		}
		return "", ""
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "", fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "", "the line must be a JSON object"
		}
		return typ.Field, fmt.Sprintf("must be a JSON %s", jsonKind(typ.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "", "malformed JSON: unexpected end of line"
	}
	// An error from ContactPointInput.UnmarshalJSON: find which list.
	var raw map[string]json.RawMessage
	if json.Unmarshal(b, &raw) == nil {
		for _, k := range []string{"emails", "phones"} {
			var cps []proofdesk.ContactPointInput
			if v, ok := raw[k]; ok && json.Unmarshal(v, &cps) != nil {
				return k, `each entry must be a string or {"value","added_at"} with added_at as YYYY-MM-DD or an RFC 3339 time`
			}
		}
	}
	return "", "invalid JSON value"
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "map", "struct", "ptr":
		return "object"
	case "bool":
		return "boolean"
	}
	return "value of another type"
}

// CSV columns, besides attr_<name> for attributes.
var csvColumns = []string{
	"external_id", "name", "emails", "phones", "date_of_birth",
	"address_line1", "address_line2", "address_city", "address_region",
	"address_postal_code", "address_country", "payment_brand", "payment_last4",
}

// parseCSVCustomers reads a CSV file whose header row names the columns
// (csvColumns and attr_<name>); only name is required. emails and phones
// hold several values separated by ";", each optionally "value|YYYY-MM-DD"
// to give the date the business has had it since. Fields are separated by
// commas, or by what Excel's optional first line "sep=X" names, or else by
// the separator the header row uses (";" where Excel's locale writes it, a
// tab in Excel's "Unicode Text"); see csvDelimiter.
func parseCSVCustomers(r io.Reader, now time.Time, phoneRegion string) ([]*proofdesk.Customer, error) {
	br := bufio.NewReader(r)
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read line 1: %w", err)
	}
	delim, hasSep, msg := csvDelimiter(first)
	if msg != "" {
		return nil, importErrors{{Line: 1, Message: msg}}
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	cr.Comma = delim
	cr.ReuseRecord = true
	headerLine := 1
	if hasSep {
		// Read the "sep=" line as a record so that line numbers stay the file's.
		cr.FieldsPerRecord = -1
		if _, err := cr.Read(); err != nil {
			return nil, importErrors{csvRowError(err, 1, delim)}
		}
		cr.FieldsPerRecord = 0
		headerLine = 2
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the file is empty: the first line must be a header row naming the columns")
	}
	if err != nil {
		return nil, importErrors{csvRowError(err, headerLine, delim)}
	}
	cols, herrs := csvHeader(header, headerLine)
	if len(herrs) > 0 {
		return nil, herrs
	}
	ic := newImportCheck(now, phoneRegion)
	line := headerLine
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldPos panics when the failed read returned no field (an
			// unterminated quote): the error's own line is used instead.
			ic.errs = append(ic.errs, csvRowError(err, line+1, delim))
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue
			}
			return nil, ic.errs // the reader cannot go on after a quoting error
		}
		line, _ = cr.FieldPos(0)
		in, field, msg := csvCustomerInput(cols, rec)
		if msg != "" {
			ic.errs = append(ic.errs, rowError{Line: line, Field: field, Message: msg})
			continue
		}
		ic.add(line, in, csvFieldName)
	}
	return ic.result()
}

// csvDelimiter picks the field separator from the file's first line:
// Excel's "sep=X" line names it (hasSep; X is ",", ";", a tab or "|");
// otherwise the header row, whose column names hold none of these, uses
// the one among ",", ";" and a tab it holds most often, "," when it holds
// none or as many of one as of another. msg says why the line is refused.
func csvDelimiter(first string) (delim rune, hasSep bool, msg string) {
	line := strings.TrimRight(strings.TrimPrefix(first, "\ufeff"), "\r\n")
	if len(line) >= 4 && strings.EqualFold(line[:4], "sep=") {
		switch sep := line[4:]; sep {
		case ",", ";", "\t", "|":
			return rune(sep[0]), true, ""
		}
		return 0, false, `the first line "sep=..." must name one separator: "sep=,", "sep=;", "sep=|" or sep= and a tab`
	}
	counts := map[rune]int{',': strings.Count(line, ","), ';': strings.Count(line, ";"), '\t': strings.Count(line, "\t")}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	for _, d := range []rune{',', ';', '\t'} {
		if d != best && counts[d] > 0 && counts[d] == counts[best] {
			return 0, false, fmt.Sprintf("the header row holds as many %s as %s: it does not say which separates the fields; "+
				`put Excel's line "sep=;" (or "sep=,") before it`, delimName(best), delimName(d))
		}
	}
	return best, false, ""
}

func delimName(d rune) string {
	switch d {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	}
	return fmt.Sprintf("%q", d)
}

func csvRowError(err error, line int, delim rune) rowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.Err == csv.ErrFieldCount {
			return rowError{Line: pe.StartLine, Message: fmt.Sprintf("wrong number of fields (every row needs one per header column; fields are separated by %s, as in the header)", delimName(delim))}
		}
		return rowError{Line: pe.StartLine, Message: "malformed CSV: " + pe.Err.Error()}
	}
	return rowError{Line: line, Message: "malformed CSV"}
}

// csvHeader maps column index to column name and checks the header, which
// is on the given line.
func csvHeader(header []string, line int) ([]string, importErrors) {
	known := map[string]bool{}
	for _, c := range csvColumns {
		known[c] = true
	}
	var errs importErrors
	seen := map[string]bool{}
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		switch {
		case seen[h] && (known[h] || strings.HasPrefix(h, "attr_")):
			errs = append(errs, rowError{Line: line, Field: h, Message: "column named twice"})
		case seen[h]:
			errs = append(errs, rowError{Line: line, Field: "column " + strconv.Itoa(i+1), Message: "column named twice"})
		case known[h]:
		case strings.HasPrefix(h, "attr_") && len(h) > len("attr_"):
		default:
			// Named by position, not by its text: a file without a header
			// row has customer data there, and errors never print values.
			errs = append(errs, rowError{Line: line, Field: "column " + strconv.Itoa(i+1), Message: "unknown column name (see the README for the columns)"})
		}
		seen[h] = true
		cols[i] = h
	}
	if !seen["name"] {
		errs = append(errs, rowError{Line: line, Field: "name", Message: "the header has no name column"})
	}
	return cols, errs
}

// csvCustomerInput turns one record into a CustomerInput.
func csvCustomerInput(cols []string, rec []string) (in *proofdesk.CustomerInput, field, msg string) {
	in = &proofdesk.CustomerInput{}
	var addr proofdesk.Address
	var pay proofdesk.Payment
	hasAddr := false
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		switch col {
		case "external_id":
			in.ExternalID = v
		case "name":
			in.Name = v
		case "emails", "phones":
			cps, msg := splitContactPoints(v)
			if msg != "" {
				return nil, col, msg
			}
			if col == "emails" {
				in.Emails = cps
			} else {
				in.Phones = cps
			}
		case "date_of_birth":
			in.DateOfBirth = v
		case "address_line1":
			addr.Line1 = v
		case "address_line2":
			addr.Line2 = v
		case "address_city":
			addr.City = v
		case "address_region":
			addr.Region = v
		case "address_postal_code":
			addr.PostalCode = v
		case "address_country":
			addr.Country = v
		case "payment_brand":
			pay.Brand = v
		case "payment_last4":
			pay.Last4 = v
		default: // attr_<name>
			if v != "" {
				if in.Attributes == nil {
					in.Attributes = map[string]string{}
				}
				in.Attributes[strings.TrimPrefix(col, "attr_")] = v
			}
		}
		if strings.HasPrefix(col, "address_") && v != "" {
			hasAddr = true
		}
	}
	if hasAddr {
		in.Addresses = []proofdesk.Address{addr}
	}
	if pay.Brand != "" || pay.Last4 != "" {
		in.Payment = &pay
	}
	return in, "", ""
}

// splitContactPoints splits "a;b|2024-01-31" into contact point inputs.
func splitContactPoints(v string) ([]proofdesk.ContactPointInput, string) {
	var out []proofdesk.ContactPointInput
	for i, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		value, date, hasDate := strings.Cut(part, "|")
		cp := proofdesk.ContactPointInput{Value: strings.TrimSpace(value)}
		if hasDate {
			t, err := proofdesk.ParseDateOrTime(strings.TrimSpace(date))
			if err != nil {
				return nil, fmt.Sprintf("entry %d: the date after | must be YYYY-MM-DD or an RFC 3339 time", i+1)
			}
			cp.AddedAt = &t
		}
		out = append(out, cp)
	}
	return out, ""
}

// csvFieldName maps a domain field name ("addresses[0].city",
// "payment.last4", "attributes.tier", "emails[1]") to the CSV column.
func csvFieldName(field string) string {
	switch {
	case strings.HasPrefix(field, "addresses[0]."):
		return "address_" + strings.TrimPrefix(field, "addresses[0].")
	case strings.HasPrefix(field, "payment."):
		return "payment_" + strings.TrimPrefix(field, "payment.")
	case strings.HasPrefix(field, "attributes."):
		return "attr_" + strings.TrimPrefix(field, "attributes.")
	case field == "attributes":
		return "attr_*"
	case strings.HasPrefix(field, "emails["), strings.HasPrefix(field, "phones["):
		name, _, _ := strings.Cut(field, "[")
		return name
	}
	return field
}
