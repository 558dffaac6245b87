// go-mdlayher: the benchmark's Go peer, on mdlayher/genetlink and mdlayher/netlink,
// used the way their documentation shows. The client contract of measurements/README.md:
//
//	go-mdlayher echo TEXT           connect, resolve gnl_foobar_xmpl, one echo, exit
//	go-mdlayher bench-echo N [TEXT] N echo round trips, latency in ns per line
//	go-mdlayher bench-resolve N     N nlctrl look-ups of "nlctrl", latency in ns
//	go-mdlayher bench-dump N        one dump of N messages: "<messages> <bytes> <ns>"
//
// Built by scripts/bench.sh in GOPATH mode from Debian's packages (/usr/share/gocode).
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mdlayher/genetlink"
	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// include/gnl_foobar_xmpl.h
const (
	familyName    = "gnl_foobar_xmpl"
	familyVersion = 1
	cmdEcho       = 1 // GNL_FOOBAR_XMPL_C_ECHO_MSG
	attrMsg       = 1 // GNL_FOOBAR_XMPL_A_MSG
	attrDumpCount = 2 // GNL_FOOBAR_XMPL_A_DUMP_COUNT
	attrDumpIndex = 3 // GNL_FOOBAR_XMPL_A_DUMP_INDEX
)

// Time starts at the process's start: monotonic, as CLOCK_MONOTONIC in the other clients.
var start = time.Now()

func nowNs() int64 { return int64(time.Since(start)) }

// resolve asks nlctrl for a family's id and reads only that: genetlink's own
// GetFamily decodes the whole family (operations, groups), which the other clients'
// look-ups do not, so it would not compare like with like. Execute is the library's
// request call underneath GetFamily.
func resolve(c *genetlink.Conn, name string) (uint16, error) {
	ae := netlink.NewAttributeEncoder()
	ae.String(unix.CTRL_ATTR_FAMILY_NAME, name)
	data, err := ae.Encode()
	if err != nil {
		return 0, err
	}
	msgs, err := c.Execute(genetlink.Message{
		Header: genetlink.Header{Command: unix.CTRL_CMD_GETFAMILY, Version: 1},
		Data:   data,
	}, unix.GENL_ID_CTRL, netlink.Request)
	if err != nil {
		return 0, err
	}
	if len(msgs) != 1 {
		return 0, fmt.Errorf("nlctrl answered with %d messages", len(msgs))
	}
	ad, err := netlink.NewAttributeDecoder(msgs[0].Data)
	if err != nil {
		return 0, err
	}
	var id uint16
	for ad.Next() {
		if ad.Type() == unix.CTRL_ATTR_FAMILY_ID {
			id = ad.Uint16()
		}
	}
	if err := ad.Err(); err != nil {
		return 0, err
	}
	if id == 0 {
		return 0, errors.New("nlctrl reply without a family id")
	}
	return id, nil
}

// echo sends TEXT and returns the reply's text (the library's decoder copies it into a
// string: it has no in-place read).
func echo(c *genetlink.Conn, family uint16, text string) (string, error) {
	ae := netlink.NewAttributeEncoder()
	ae.String(attrMsg, text)
	data, err := ae.Encode()
	if err != nil {
		return "", err
	}
	msgs, err := c.Execute(genetlink.Message{
		Header: genetlink.Header{Command: cmdEcho, Version: familyVersion},
		Data:   data,
	}, family, netlink.Request)
	if err != nil {
		return "", err
	}
	if len(msgs) != 1 {
		return "", fmt.Errorf("echo answered with %d messages", len(msgs))
	}
	ad, err := netlink.NewAttributeDecoder(msgs[0].Data)
	if err != nil {
		return "", err
	}
	reply, found := "", false
	for ad.Next() {
		if ad.Type() == attrMsg {
			reply, found = ad.String(), true
		}
	}
	if err := ad.Err(); err != nil {
		return "", err
	}
	if !found {
		return "", errors.New("echo reply without a MSG string")
	}
	return reply, nil
}

// dump asks for n messages; Execute gathers the whole dump before returning it, which is
// how the library reads a dump. Returns the messages and their netlink bytes.
func dump(c *genetlink.Conn, family uint16, n uint32) (int, int, error) {
	ae := netlink.NewAttributeEncoder()
	ae.Uint32(attrDumpCount, n)
	data, err := ae.Encode()
	if err != nil {
		return 0, 0, err
	}
	msgs, err := c.Execute(genetlink.Message{
		Header: genetlink.Header{Command: cmdEcho, Version: familyVersion},
		Data:   data,
	}, family, netlink.Request|netlink.Dump)
	if err != nil {
		return 0, 0, err
	}
	bytes := 20 // NLMSG_DONE: a header and its int error
	for _, m := range msgs {
		ad, err := netlink.NewAttributeDecoder(m.Data)
		if err != nil {
			return 0, 0, err
		}
		hasIndex, hasText := false, false
		for ad.Next() {
			switch ad.Type() {
			case attrDumpIndex:
				_, hasIndex = ad.Uint32(), true
			case attrMsg:
				_, hasText = ad.String(), true
			}
		}
		if err := ad.Err(); err != nil {
			return 0, 0, err
		}
		if !hasIndex || !hasText {
			return 0, 0, errors.New("dump message lacks MSG or DUMP_INDEX")
		}
		// nlmsghdr (16) + genlmsghdr (4) + the attributes, as they came.
		bytes += 20 + (len(m.Data)+3)&^3
	}
	return len(msgs), bytes, nil
}

// printLatencies writes the latencies after the timing, in one write.
func printLatencies(lat []int64) {
	var b strings.Builder
	for _, ns := range lat {
		b.WriteString(strconv.FormatInt(ns, 10))
		b.WriteByte('\n')
	}
	os.Stdout.WriteString(b.String())
}

func count(arg string) (int, error) {
	n, err := strconv.ParseUint(arg, 0, 32)
	if err != nil {
		return 0, fmt.Errorf("not a 32-bit count: %s", arg)
	}
	return int(n), nil
}

func run(c *genetlink.Conn, args []string) error {
	switch {
	case len(args) == 2 && args[0] == "echo":
		family, err := resolve(c, familyName)
		if err != nil {
			return err
		}
		reply, err := echo(c, family, args[1])
		if err == nil {
			fmt.Println(reply)
		}
		return err
	case (len(args) == 2 || len(args) == 3) && args[0] == "bench-echo":
		n, err := count(args[1])
		if err != nil {
			return err
		}
		text := "hello"
		if len(args) == 3 {
			text = args[2]
		}
		family, err := resolve(c, familyName)
		if err != nil {
			return err
		}
		lat := make([]int64, n)
		for i := range lat {
			t0 := nowNs()
			if _, err := echo(c, family, text); err != nil {
				return err
			}
			lat[i] = nowNs() - t0
		}
		printLatencies(lat)
		return nil
	case len(args) == 2 && args[0] == "bench-resolve":
		n, err := count(args[1])
		if err != nil {
			return err
		}
		lat := make([]int64, n)
		for i := range lat {
			t0 := nowNs()
			if _, err := resolve(c, "nlctrl"); err != nil {
				return err
			}
			lat[i] = nowNs() - t0
		}
		printLatencies(lat)
		return nil
	case len(args) == 2 && args[0] == "bench-dump":
		n, err := count(args[1])
		if err != nil {
			return err
		}
		family, err := resolve(c, familyName)
		if err != nil {
			return err
		}
		t0 := nowNs()
		msgs, bytes, err := dump(c, family, uint32(n))
		if err == nil {
			fmt.Println(msgs, bytes, nowNs()-t0)
		}
		return err
	}
	return errors.New("usage: go-mdlayher echo TEXT | bench-echo N [TEXT] | bench-resolve N | bench-dump N")
}

func main() {
	// Strict: extended ACKs and strict checking, the library's recommended options (the
	// other clients ask for extended ACKs too).
	c, err := genetlink.Dial(&netlink.Config{Strict: true})
	if err == nil {
		err = run(c, os.Args[1:])
		c.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
