-- ses_events rows are wide (45 columns, the raw event JSON ~1.5 KB each). A horizontal merge keeps a
-- read buffer per column per part in memory: on chDB a merge of six 2,000-row parts took ~250 MB and
-- a merge of 110k rows ~350 MB for 11 s. Vertical merges go one column at a time: the same merges
-- took 20-90 MB and 2 s. The defaults only switch to vertical above 131,072 rows.
ALTER TABLE {{db}}.ses_events {{on_cluster}}
    MODIFY SETTING vertical_merge_algorithm_min_rows_to_activate = 1,
                   vertical_merge_algorithm_min_columns_to_activate = 1;
