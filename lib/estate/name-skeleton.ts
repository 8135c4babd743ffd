/*
 * When two names are one name written twice: vSphere inventory names may use any script, so
 * `prod-a` and `PROD-A`, or `prod-a` with a Cyrillic `а`, look like one cluster to a person and are
 * two to a computer. A skeleton folds case, compatibility forms and the common look-alikes
 * (Unicode's confusables, the Latin-looking letters of Cyrillic and Greek) to compare them.
 */

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ζ: "z",
};

/** The form two names share when a person would read them as one. */
export function nameSkeleton(name: string): string {
  return [...name.normalize("NFKC").toLowerCase()].map((ch) => LOOK_ALIKES[ch] ?? ch).join("");
}
