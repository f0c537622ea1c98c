import { describe, expect, it } from "vitest";
import { customerKey, customerNumber, isOffered, normalizeAgent, OUTCOMES } from "../../src/model/contact.js";

describe("customerKey", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["+1 (555) 010-1234", "15550101234"],
    ["+86 138-0013-8000", "8613800138000"],
    ["tel:5550101234", "5550101234"],
    ['"Alice" <5550101234>', "5550101234"],
    ["0", null],
    ["0000", null],
    ["+000-000", null],
    ["00012", "00012"], // leading zeros are part of the number
    ["", null],
    ["   ", null],
    ["anonymous", null],
    ["Anonymous", null],
    ["unknown", null],
    ["restricted", null],
    ["Private", null],
    ["匿名", null],
    ["１２３", null], // full-width digits are not ASCII digits
  ])("%j -> %j", (raw, key) => {
    expect(customerKey(raw)).toBe(key);
  });
});

describe("normalizeAgent", () => {
  const aliases = new Map([
    ["1001", "alice"],
    ["bob.smith", "bob"],
  ]);
  it.each([
    ["SIP/1001", "1001"],
    ["PJSIP/1001", "1001"],
    ["PJSIP/1001-0000abcd", "1001"],
    ["SIP/1001-00000012", "1001"],
    ["IAX2/1001-1234", "1001"],
    ["Local/1001@from-queue/n", "1001"],
    ["Local/1001@from-queue", "1001"],
    ["Agent/1001", "1001"],
    ["agent/1001", "1001"],
    ["sip/1001", "1001"],
    ["DAHDI/1-1", "1"],
    ["SIP/john.doe-0000002a", "john.doe"],
    ["  SIP/1001  ", "1001"],
    ["1001", "1001"],
    ["Alice Smith", "Alice Smith"],
    ["NONE", ""],
    ["", ""],
    ["   ", ""],
    ["Custom/1001", "Custom/1001"], // unknown technology: kept as exported
    ["/1001", "/1001"],
    ["SIP/", ""],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeAgent(raw, null)).toBe(expected);
  });

  it.each([
    ["SIP/1001", "alice"],
    ["PJSIP/1001-0000abcd", "alice"],
    ["Local/1001@from-queue/n", "alice"],
    ["1001", "alice"],
    ["SIP/bob.smith-00000001", "bob"],
    ["Bob.Smith", "bob"], // aliases keyed in lower case match any case
    ["1002", "1002"], // no alias: unchanged
    ["NONE", ""], // no agent stays no agent
  ])("with aliases: %j -> %j", (raw, expected) => {
    expect(normalizeAgent(raw, aliases)).toBe(expected);
  });
});

describe("outcomes", () => {
  it("everything but not_joined is offered", () => {
    expect(OUTCOMES.filter((o) => !isOffered(o))).toEqual(["not_joined"]);
  });
});

describe("customerNumber (the FCR key as a number when it can be one)", () => {
  it("digits, with any punctuation stripped, as their value", () => {
    expect(customerNumber("+1 (212) 555-0101")).toBe(12125550101);
    expect(customerNumber("12125550101")).toBe(12125550101);
  });

  it("NaN exactly where customerKey has no key", () => {
    for (const c of ["", "anonymous", "0000", "+0", "unknown"]) {
      expect(customerKey(c)).toBeNull();
      expect(customerNumber(c)).toBeNaN();
    }
  });

  it("-1 (use the string key) for a leading zero or more than 15 digits, which a number cannot keep", () => {
    expect(customerNumber("0123")).toBe(-1); // "0123" and "123" are different callers
    expect(customerNumber("123")).toBe(123);
    expect(customerNumber("1234567890123456")).toBe(-1);
    expect(customerNumber("123456789012345")).toBe(123456789012345);
  });
});
