import { Testing } from "cdktf";
// Type declarations of the matchers below (toHaveResourceWithProperties, toHaveProvider, ...).
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
