// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Tests.Nodes;

internal sealed record FakeResponse(int Status, string Body, TimeSpan Delay);
