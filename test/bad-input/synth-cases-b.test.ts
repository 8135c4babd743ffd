import { BAD_INPUT_CASES } from "./cases";
import { checkBadInputs } from "./run-cases";

// The cases are split over two files so that jest runs them side by side: each is a child process.
describe("malformed estates through main.ts (what `cdktf synth` runs), part b", () => {
  checkBadInputs(BAD_INPUT_CASES.filter((_, index) => index % 2 === 1));
});
