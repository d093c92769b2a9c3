package main

import (
	"fmt"
	"io"
	"net"
)

// demoPlayerIndex is the demo customer a newcomer plays: one whose
// contact points have been on file for months (past the cooling-off), so
// a verification request reaches them at once.
const demoPlayerIndex = 0

// demoPlayerInfo is what the banner prints about the customer to play.
type demoPlayerInfo struct {
	Name  string
	Email string
}

// demoPlayer returns the customer to play from the demo data set; it is
// seeded with the rest, so the same person is on file.
func demoPlayer(d *demoData) demoPlayerInfo {
	in := d.Customers[demoPlayerIndex]
	return demoPlayerInfo{Name: in.Name, Email: in.Emails[0].Value}
}

// loopbackOnly reports whether addr (host:port) listens on a loopback
// address only. An empty host or 0.0.0.0 listens on every interface.
func loopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// printDemoPlayer prints the customer to play and what to type where, in
// the order a newcomer does it. A demo listening beyond loopback gets a
// warning: its admin needs no second factor.
func printDemoPlayer(w io.Writer, url string, p demoPlayerInfo, loopback bool) {
	fmt.Fprintf(w, "\nPlay a customer (their email has been on file for months, so verification works at once):\n")
	fmt.Fprintf(w, "  Name:  %s\n  Email: %s\n\n", p.Name, p.Email)
	steps := []string{
		fmt.Sprintf("Open %s/demo/shop, click the chat button, type the name and email above and a question (\"Where is my parcel?\").", url),
		fmt.Sprintf("In another tab sign in at %s/login as admin@demo.proofdesk.test (password above); the chat is in the Inbox.", url),
		"Open it, link it to the customer (type the email above), then send a verification request to the email on file.",
		fmt.Sprintf("Open Admin → Outbox (%s/admin/outbox), open the verification link in the newest mail, and pick the number the console shows.", url),
		"The console turns to L1: the agent may now reveal the address and a reply quoting it passes the guard.",
	}
	for i, s := range steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
	if loopback {
		fmt.Fprintf(w, "\nThis demo listens on loopback only (its admin needs no second factor); --addr changes that.\n")
	} else {
		fmt.Fprintf(w, "\nWARNING: this demo listens beyond loopback and its admin needs no second factor: anyone who reaches it can sign in with the printed logins.\n")
	}
	fmt.Fprintf(w, "\nPress Ctrl-C to stop.\n")
}
