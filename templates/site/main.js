"use strict";
// The cdktf app (cdktf.json) of this site, and what `npm run synth` runs without the cdktf CLI:
// the estate named by KSV_ESTATE (estate.yaml by default) becomes one Terraform stack per NSX
// Manager in cdktf.out/stacks/<manager>/. The code is the ksv-ntp-cdktf package's.
require("ksv-ntp-cdktf/synth");
