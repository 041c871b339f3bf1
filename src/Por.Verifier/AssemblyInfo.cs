// SPDX-License-Identifier: Apache-2.0

[assembly: CLSCompliant(false)]
