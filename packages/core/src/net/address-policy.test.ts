import { describe, expect, it } from "vitest";
import { blockedReason, createAddressPolicy } from "./address-policy";

describe("blockedReason", () => {
  it.each([
    ["10.0.0.1", "a private address"],
    ["172.16.5.4", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["127.0.0.1", "a loopback address"],
    ["127.8.9.10", "a loopback address"],
    ["169.254.169.254", "the cloud metadata address"],
    ["169.254.1.1", "a link-local address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["0.0.0.0", 'a "this network" address'],
    ["224.0.0.251", "a multicast address"],
    ["255.255.255.255", "a reserved address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fc00::1", "a private (unique local) address"],
    ["fd12:3456::1", "a private (unique local) address"],
    ["fe80::1%eth0", "a link-local address"],
    ["fd00:ec2::254", "the cloud metadata address"],
    ["::ffff:10.0.0.1", "a private address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:169.254.169.254", "the cloud metadata address"],
    ["64:ff9b::a00:1", "a private address"],
    ["ff02::1", "a multicast address"],
    ["::ffff:0:7f00:1", "a loopback address"],
    ["::ffff:0:10.1.2.3", "a private address"],
    ["::ffff:0:169.254.169.254", "the cloud metadata address"],
    ["64:ff9b::127.0.0.1", "a loopback address"],
    ["64:ff9b::a9fe:a9fe", "the cloud metadata address"],
    ["64:ff9b:1::a00:1", "a local-use NAT64 address"],
    ["64:ff9b:1:abcd::808:808", "a local-use NAT64 address"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo tunnel address"],
    ["2001::1", "a Teredo tunnel address"],
    ["::127.0.0.1", "a loopback address"],
    ["2002:7f00:1::1", "a loopback address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  describe("IPv6 forms that carry an IPv4 address are judged by that address", () => {
    it.each([
      ["::ffff:127.0.0.1", "a loopback address", "IPv4-mapped, dotted"],
      ["::ffff:0:a9fe:a9fe", "the cloud metadata address", "IPv4-translated metadata"],
      ["::a00:1", "a private address", "IPv4-compatible, hex"],
      ["::8.8.8.8", "a deprecated IPv4-compatible address", "IPv4-compatible, public"],
      ["64:ff9b::7f00:1", "a loopback address", "NAT64 well-known prefix"],
      ["64:ff9b::192.168.0.1", "a private address", "NAT64 well-known prefix, dotted"],
      ["64:ff9b:1::7f00:1", "a local-use NAT64 address", "NAT64 local-use prefix, /96 form"],
      ["64:ff9b:1:7f00:1::", "a local-use NAT64 address", "NAT64 local-use prefix, /48 form"],
      ["2002:c0a8:101::", "a private address", "6to4 of 192.168.1.1"],
      ["2001::ffff:ffff:80ff:fffe", "a Teredo tunnel address", "Teredo, client 127.0.0.1 obfuscated"],
    ])("refuses %s as %s (%s)", (address, reason) => {
      expect(blockedReason(address)).toBe(reason);
    });

    it.each(["64:ff9b::8.8.8.8", "2002:808:808::1"])(
      "lets %s through: its IPv4 address is public",
      (address) => {
        expect(blockedReason(address)).toBeUndefined();
      },
    );
  });

  it.each([
    ["3fff::1", "a documentation address"],
    ["2001:2::1", "an IETF protocol assignment address"],
    ["100::1", "not a global unicast address (outside 2000::/3)"],
    ["5f00::1", "not a global unicast address (outside 2000::/3)"],
    ["2606:4700:4700::1111%eth0", "an address scoped to the interface %eth0"],
  ])("refuses %s outside the public IPv6 unicast space as %s", (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "93.184.216.34",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2001:db9::1",
  ])("lets the public address %s through", (address) => {
    expect(blockedReason(address)).toBeUndefined();
  });

  it("refuses something that is not an IP address", () => {
    expect(blockedReason("example.com")).toBe("not an IP address");
  });
});

describe("createAddressPolicy", () => {
  it("allows exactly the listed loopback address and still refuses its neighbours", () => {
    const policy = createAddressPolicy({ allowedAddresses: ["127.0.0.1"] });
    expect(policy("127.0.0.1")).toBeUndefined();
    expect(policy("127.0.0.2")).toBe("a loopback address");
    expect(policy("::1")).toBe("a loopback address");
    expect(policy("10.0.0.1")).toBe("a private address");
  });

  it("allows private addresses only when opted in", () => {
    expect(createAddressPolicy({ allowPrivateNetwork: true })("10.0.0.1")).toBeUndefined();
    expect(createAddressPolicy()("10.0.0.1")).toBe("a private address");
  });
});
