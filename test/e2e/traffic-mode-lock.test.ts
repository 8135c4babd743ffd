import { estateOf, nsxvManager } from "../support/estates";
import { changesOf, Scenario } from "../support/scenario";

describe("lockTrafficMode", () => {
  const scenario = new Scenario("lock");
  const estate = (trafficMode: string, lockTrafficMode: boolean) =>
    estateOf([nsxvManager("dc1-nsxv", { trafficMode, lockTrafficMode })]);

  beforeAll(() => {
    scenario.synth(estate("standard", true));
    scenario.apply("dc1-nsxv");
  });

  test("a locked traffic mode makes a mode change fail at plan time, saying how to unlock", () => {
    scenario.synth(estate("monitoring", true));
    let message = "";
    try {
      scenario.plan("dc1-nsxv");
    } catch (error) {
      message = (error as Error).message.replace(/\s+/g, " ");
    }
    expect(message).toContain("Error: Instance cannot be destroyed");
    expect(message).toContain(
      "Resource terraform_data.traffic_mode_lock has lifecycle.prevent_destroy set",
    );
    expect(message).toContain("either disable lifecycle.prevent_destroy");
    expect(message).toContain(
      "The traffic mode of dc1-nsxv is locked (lockTrafficMode: true in the estate). To change it on purpose, set lockTrafficMode: false for this manager in the same change",
    );
  });

  test("nothing was changed by the refused plan", () => {
    scenario.synth(estate("standard", true));
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });

  test("unlocking in the same change lets the mode change through", () => {
    scenario.synth(estate("monitoring", false));
    const plan = scenario.apply("dc1-nsxv");
    expect(changesOf(plan)).toMatchObject({
      "terraform_data.traffic_mode_lock": "delete",
      "terraform_data.service": "delete+create",
    });
  });

  test("locking again in the new mode guards it", () => {
    scenario.synth(estate("monitoring", true));
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({
      "terraform_data.traffic_mode_lock": "create",
    });
    scenario.synth(estate("standard", true));
    expect(() => scenario.plan("dc1-nsxv")).toThrow(
      /traffic_mode_lock has lifecycle.prevent_destroy/,
    );
  });

  test("an image upgrade is not blocked by the lock", () => {
    scenario.synth(
      estateOf([
        nsxvManager("dc1-nsxv", {
          trafficMode: "monitoring",
          lockTrafficMode: true,
          svmImageUrl: "https://repo.example.local/ksv/ntp-svm-6.2.ovf",
        }),
      ]),
    );
    // An upgrade in place: each cluster's image, not the service, is replaced.
    const changes = changesOf(scenario.plan("dc1-nsxv"));
    expect(changes["terraform_data.service"]).toBeUndefined();
    expect(changes['terraform_data.svm_image["prod-a"]']).toBe("delete+create");
  });
});
