#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Static shards of a planned zk round as a Slurm job array (docs/distributed.md).
#
#   por round plan ... --plan /shared/por/plan --private /secure/por/plan-private      # on the operator's machine
#   install -m 0400 /secure/por/plan-private/private/unit.key /shared/por/secrets/unit.key   # readable by the job's user only
#   sbatch --array=0-7 docs/examples/slurm-array.sh /shared/por/plan 8
#   # when every task has finished (a failed task can simply be resubmitted: sbatch --array=3 ...):
#   por round assemble --plan /shared/por/plan --private /secure/por/plan-private --out /shared/por/round-2026-12
#
# /shared/por/plan is on a file system every node mounts (NFS, Lustre, GPFS, BeeGFS).
#SBATCH --job-name=por-prove
#SBATCH --cpus-per-task=16
#SBATCH --mem=24G
#SBATCH --time=04:00:00
#SBATCH --output=por-prove-%A_%a.log
set -euo pipefail

plan=${1:?usage: sbatch --array=0-\$((N-1)) slurm-array.sh PLAN_DIR N}
shards=${2:?usage: sbatch --array=0-\$((N-1)) slurm-array.sh PLAN_DIR N}
key=${POR_UNIT_KEY_FILE:-/shared/por/secrets/unit.key}

# The shard index comes from SLURM_ARRAY_TASK_ID; --shards gives n. Batches already proven are skipped, so a
# resubmitted task resumes where the failed one stopped.
exec por round prove --plan "$plan" --shards "$shards" --key-file "$key"
